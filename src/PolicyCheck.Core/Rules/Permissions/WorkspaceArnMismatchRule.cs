using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2005: a workspace ARN for another region, account or workspace than the configured one.</summary>
public sealed class WorkspaceArnMismatchRule : PolicyRule
{
    public override string Id => "PC2005";

    public override void Check(RuleContext context)
    {
        var config = context.Config;
        if (config.Region == null && config.Account == null && config.Workspace == null) return;
        var facts = context.Facts;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Resource == null || !NamesClaudeAction(s, facts.Namespace)) continue;
                foreach (var value in s.Resource.Values)
                {
                    var arn = Arn.TryParse(Access.ReplaceVariables(value.Value));
                    if (arn == null || !string.Equals(arn.Service, facts.Namespace, StringComparison.Ordinal)) continue;
                    if (config.Region != null && !Wildcard.Match(arn.Region, config.Region.Value, false))
                    {
                        context.Report(doc, value.Span, $"region \"{arn.Region}\" does not match the configured region {config.Region.Value}; workspaces are bound to one region",
                            $"use {config.Region.Value} in the ARN");
                    }
                    else if (config.Account != null && !Wildcard.Match(arn.Account, config.Account.Value, false))
                    {
                        context.Report(doc, value.Span, $"account \"{arn.Account}\" does not match the configured account {config.Account.Value}",
                            $"use {config.Account.Value} in the ARN");
                    }
                    else if (config.Workspace != null && arn.Resource.StartsWith("workspace/", StringComparison.Ordinal)
                        && !Wildcard.Match(arn.Resource, "workspace/" + config.Workspace.Value, false))
                    {
                        context.Report(doc, value.Span, $"\"{arn.Resource}\" does not match the configured workspace {config.Workspace.Value}",
                            $"use workspace/{config.Workspace.Value} in the ARN");
                    }
                }
            }
        }
    }

    private static bool NamesClaudeAction(Statement s, string ns)
    {
        if (s.Action == null) return false;
        foreach (var a in s.Action.Values)
        {
            if (a.Value == "*" || a.Value.StartsWith(ns + ":", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

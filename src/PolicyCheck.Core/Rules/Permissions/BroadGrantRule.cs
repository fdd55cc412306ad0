using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2008: "*", "aws-external-anthropic:*" or Allow with NotAction in the gateway's role.</summary>
public sealed class BroadGrantRule : PolicyRule
{
    public override string Id => "PC2008";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow) continue;
                if (s.NotAction != null)
                {
                    context.Report(doc, s.NotAction.KeySpan, $"{s.Label} is an Allow with NotAction: it grants every action of every service except the ones listed");
                    continue;
                }
                if (s.Action == null) continue;
                foreach (var value in s.Action.Values)
                {
                    string v = value.Value;
                    if (v == "*" || v == "*:*")
                    {
                        context.Report(doc, value.Span, $"\"{v}\" grants every action of every AWS service to the gateway's role");
                    }
                    else if (string.Equals(v, facts.Namespace + ":*", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Report(doc, value.Span,
                            $"\"{v}\" grants all {facts.Actions.Count} {facts.Namespace} actions (workspaces, keys, vaults, agents) and every future one; the gateway needs {Names.List(Access.RequiredActions(context.Config, facts))}");
                    }
                }
            }
        }
    }
}

using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2003: an aws-external-anthropic action that does not exist, or a wildcard that matches none.</summary>
public sealed class UnknownActionRule : PolicyRule
{
    public override string Id => "PC2003";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        foreach (var doc in context.Role.Documents)
        {
            if (!doc.IsParsed || doc.Kind == DocumentKind.Trust) continue;
            foreach (var s in doc.Statements)
            {
                if (s.Actions == null) continue;
                foreach (var value in s.Actions.Values)
                {
                    if (!Names.SplitAction(value, out string prefix, out string name)) continue;
                    if (!string.Equals(prefix, facts.Namespace, StringComparison.OrdinalIgnoreCase)) continue;
                    if (Wildcard.HasWildcard(name))
                    {
                        if (Access.Expand(facts, value.Value).Count == 0)
                        {
                            context.Report(doc, value.Span,
                                $"\"{value.Value}\" matches no {facts.Namespace} action known on {facts.CatalogDate}; it grants nothing today",
                                "check the pattern against the action list in rules/service.yml");
                        }
                        continue;
                    }
                    if (facts.FindAction(name) != null) continue;
                    if (context.Full(doc))
                    {
                        context.Report(doc, value.Span, string.Empty); // past the cap: counted, not shown
                        continue;
                    }
                    string? right = WrongNamespaceRule.Correct(facts, value.Value, name);
                    context.Report(doc, value.Span,
                        $"\"{value.Value}\" is not an action of {facts.Namespace} (catalogue of {facts.CatalogDate}){(right != null ? $"; did you mean {right}?" : string.Empty)}",
                        right != null ? $"use \"{facts.Qualified(right)}\"" : null);
                }
            }
        }
    }
}

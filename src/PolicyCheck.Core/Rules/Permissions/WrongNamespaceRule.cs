using System;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2001: a Claude Platform action written as bedrock:, bedrock-mantle:, anthropic:...</summary>
public sealed class WrongNamespaceRule : PolicyRule
{
    public override string Id => "PC2001";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Actions == null) continue;
                foreach (var value in s.Actions.Values)
                {
                    if (!Names.SplitAction(value, out string prefix, out string name)) continue;
                    if (!facts.WrongNames.IsWrongNamespace(prefix)) continue;
                    string? right = Correct(facts, value.Value, name);
                    if (right == null) continue;
                    string qualified = facts.Qualified(right);
                    // Every wrong-namespace action in the gateway's role is an error, whatever else the role grants.
                    // Only an exact name is fixed without asking; a nearest-name guess or a wildcard is the user's call.
                    bool exact = !Wildcard.HasWildcard(name) && (facts.FindAction(name) != null || facts.WrongNames.FindRename(value.Value) != null);
                    context.Report(doc, value.Span,
                        $"\"{value.Value}\" is not a {facts.Name} action: the IAM namespace is {facts.Namespace}, not {prefix}",
                        $"use \"{qualified}\"", edit: exact ? new TextEdit(value.Value, qualified) : null);
                }
            }
        }
    }

    /// <summary>The right action name (without namespace) for a wrong one, or null when there is no sensible one.</summary>
    public static string? Correct(ServiceFacts facts, string wrong, string name)
    {
        foreach (var r in facts.WrongNames.Actions)
        {
            if (string.Equals(r.Wrong, wrong, StringComparison.OrdinalIgnoreCase)) return r.Right;
        }
        var exact = facts.FindAction(name);
        if (exact != null) return exact.Name;
        if (Wildcard.HasWildcard(name)) return Access.Expand(facts, facts.Qualified(name)).Count > 0 ? name : null;
        var names = new System.Collections.Generic.List<string>();
        foreach (var a in facts.Actions) names.Add(a.Name);
        return Names.Nearest(name, names);
    }
}

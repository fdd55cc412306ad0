using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2007: an unconditional Deny that matches an action the gateway needs.</summary>
public sealed class DenyBlocksRequiredActionRule : PolicyRule
{
    public override string Id => "PC2007";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        var target = WorkspaceTarget.From(context.Config, facts);
        var required = Access.RequiredActions(context.Config, facts);
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsDeny) continue;
                var blocked = new List<string>();
                foreach (var action in required)
                {
                    if (Access.Blocks(s, facts.Qualified(action), target, facts.FindAction(action))) blocked.Add(action);
                }
                if (blocked.Count == 0) continue;
                var at = s.Actions != null ? s.Actions.KeySpan : s.Span;
                context.Report(doc, at,
                    $"{s.Label} denies {Names.List(blocked)} on {target}; an explicit Deny wins over every Allow, so the gateway's requests fail",
                    $"narrow {s.Label} so it no longer matches {Names.List(blocked)}");
            }
        }
    }
}

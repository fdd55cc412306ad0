using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2007: proof that a Deny applies to a request the gateway makes (conditions evaluated against its request).</summary>
public sealed class DenyBlocksRequiredActionRule : PolicyRule
{
    public override string Id => "PC2007";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        if (!context.Role.Has(DocumentKind.Permission)) return;
        var gateway = GatewayRequests.For(context);
        var set = gateway.PermissionSet();
        string target = context.Config.WorkspaceArnPattern(facts);
        var blocked = new Dictionary<StatementTrace, List<string>>();
        var order = new List<(StatementTrace Deny, System.Func<IReadOnlyList<string>> Trace)>();
        var mayDeny = new Dictionary<Statement, List<string>>();
        foreach (var action in Access.RequiredActions(context.Config, facts))
        {
            var request = gateway.Call(action);
            var quick = Evaluator.Decide(set, request);
            if (quick != Decision.ExplicitDeny && quick != Decision.Depends) continue;
            var result = Evaluator.Evaluate(set, request);
            bool maybe = result.Decision == Decision.Depends && result.DenyDepends;
            if (result.Decision != Decision.ExplicitDeny && !maybe) continue;
            foreach (var deny in maybe ? result.MayMatch : result.Matched)
            {
                if (!deny.Statement.IsDeny) continue;
                if (maybe) mayDeny[deny.Statement] = result.DependsOn;
                StatementTrace? key = null;
                foreach (var k in blocked.Keys)
                {
                    if (ReferenceEquals(k.Statement, deny.Statement)) key = k;
                }
                if (key == null)
                {
                    key = deny;
                    blocked[key] = new List<string>();
                    var (r, q) = (result, request);
                    order.Add((deny, () => Proofs.TraceOf(r, q)));
                }
                blocked[key].Add(action);
            }
        }
        foreach (var (deny, trace) in order)
        {
            var s = deny.Statement;
            var actions = blocked[deny];
            var at = s.Actions != null ? s.Actions.KeySpan : s.Span;
            if (mayDeny.TryGetValue(s, out var keys))
            {
                context.ReportDepends(deny.Document, s.Condition?.KeySpan ?? at,
                    $"{s.Label} may deny {Names.List(actions)} on {target}: whether its condition holds for the gateway's requests {Proofs.DependsOn(keys)}",
                    keys, trace);
                continue;
            }
            string when = s.Condition != null && !s.Condition.IsEmpty ? " (its condition holds for the gateway's requests)" : string.Empty;
            context.Report(deny.Document, at,
                $"{s.Label} denies {Names.List(actions)} on {target}{when}; an explicit Deny wins over every Allow, so the gateway's requests fail",
                $"narrow {s.Label} so it no longer matches {Names.List(actions)}", trace: trace);
        }
    }
}

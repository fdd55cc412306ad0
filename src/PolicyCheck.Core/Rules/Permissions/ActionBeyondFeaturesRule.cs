using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2009: least privilege — the exact Claude Platform actions the role's own policies allow beyond the configured features.</summary>
public sealed class ActionBeyondFeaturesRule : PolicyRule
{
    public override string Id => "PC2009";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        if (!context.Role.Has(DocumentKind.Permission)) return;
        var needed = Access.FeatureActions(context.Config, facts);
        var gateway = GatewayRequests.For(context);
        var set = gateway.PermissionSet(includeManaged: false);
        var extra = new Dictionary<StringValue, (PolicyDocument Doc, List<string> Actions)>();
        var order = new List<StringValue>();
        var notMarkers = new Dictionary<Statement, StringValue>();
        // Actions that the same statements name, on the same resource, decide alike: each such group is evaluated once.
        // By resource, then signature: string keys hash without the randomized hash a tuple of strings pays.
        var decided = new Dictionary<string, Dictionary<string, EvaluationResult?>>(StringComparer.Ordinal);
        foreach (var fact in Candidates(context))
        {
            if (needed.Contains(fact.Name)) continue;
            var request = gateway.Call(fact.Name);
            string? signature = Evaluator.ActionSignature(set, request.Action);
            EvaluationResult? result = null;
            Dictionary<string, EvaluationResult?>? alike = null;
            if (signature == null || !decided.TryGetValue(request.Resource, out alike) || !alike.TryGetValue(signature, out result))
            {
                result = Evaluator.Decide(set, request) == Decision.Allowed ? Evaluator.Evaluate(set, request) : null;
                if (signature != null)
                {
                    if (alike == null) decided[request.Resource] = alike = new Dictionary<string, EvaluationResult?>(StringComparer.Ordinal);
                    alike[signature] = result;
                }
            }
            if (result == null) continue;
            string qualified = facts.Qualified(fact.Name);
            foreach (var t in result.Matched)
            {
                var at = GrantingValue(t.Statement, qualified, notMarkers);
                if (at == null) continue;
                if (string.Equals(at.Value, facts.Namespace + ":*", StringComparison.OrdinalIgnoreCase) || at.Value == "*") continue; // PC2008
                if (!extra.TryGetValue(at, out var entry))
                {
                    entry = (t.Document, new List<string>());
                    extra[at] = entry;
                    order.Add(at);
                }
                if (!entry.Actions.Contains(fact.Name)) entry.Actions.Add(fact.Name);
            }
        }
        // One note per statement: a list of exact names is one finding, not one per action.
        var byStatement = new List<(Statement Statement, PolicyDocument Doc, List<StringValue> Values)>();
        foreach (var at in order)
        {
            var (doc, _) = extra[at];
            var statement = StatementOf(doc, at);
            int i = byStatement.FindIndex(e => ReferenceEquals(e.Statement, statement) && statement != null);
            if (i < 0) byStatement.Add((statement!, doc, new List<StringValue> { at }));
            else byStatement[i].Values.Add(at);
        }
        string features = byStatement.Count > 0 ? string.Join(", ", context.Config.EffectiveFeatures(facts)) : "";
        foreach (var (statement, doc, values) in byStatement)
        {
            if (values.Count == 1 || statement == null)
            {
                var at = values[0];
                var actions = extra[at].Actions;
                string what = Wildcard.HasWildcard(at.Value) || actions.Count > 1 || at.Value.StartsWith("Not", StringComparison.Ordinal)
                    ? $"\"{at.Value}\" also grants {Names.List(actions)}"
                    : actions[0];
                context.Report(doc, at.Span, $"{what}, which no configured feature uses (features: {features})");
                continue;
            }
            var all = new List<string>();
            foreach (var v in values) foreach (var a in extra[v].Actions) if (!all.Contains(a)) all.Add(a);
            var span = statement.Actions != null ? statement.Actions.KeySpan : statement.Span;
            context.Report(doc, span, $"{statement.Label} also grants {Names.List(all, 12)}, which no configured feature uses (features: {features})");
        }
    }

    private static Statement? StatementOf(PolicyDocument doc, StringValue value)
    {
        foreach (var s in doc.Statements)
        {
            if (s.Action != null) foreach (var v in s.Action.Values) if (ReferenceEquals(v, value)) return s;
            if (s.NotAction != null && s.NotAction.KeySpan.Equals(value.Span)) return s;
        }
        return null;
    }

    /// <summary>The catalogue actions some Allow statement of the role's own policies names (all of them for NotAction).</summary>
    private static IEnumerable<ActionFact> Candidates(RuleContext context)
    {
        var facts = context.Facts;
        var seen = new bool[facts.Actions.Count];
        int count = 0;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow) continue;
                if (s.NotAction != null) return facts.Actions;
                if (s.Action == null) continue;
                foreach (var v in s.Action.Values)
                {
                    if (!Wildcard.HasWildcard(v.Value))
                    {
                        if (Names.SplitAction(v, out string prefix, out string name) && string.Equals(prefix, facts.Namespace, StringComparison.OrdinalIgnoreCase))
                        {
                            int at = facts.IndexOfAction(name);
                            if (at >= 0 && !seen[at]) (seen[at], count) = (true, count + 1);
                        }
                        continue;
                    }
                    foreach (int at in Access.ExpandPositions(facts, v.Value)) if (!seen[at]) (seen[at], count) = (true, count + 1);
                }
            }
        }
        var list = new List<ActionFact>(count);
        for (int i = 0; i < seen.Length; i++) if (seen[i]) list.Add(facts.Actions[i]);
        return list;
    }

    /// <summary>The Action value that grants the action, or a marker for NotAction.</summary>
    private static StringValue? GrantingValue(Statement s, string qualified, Dictionary<Statement, StringValue> notMarkers)
    {
        if (s.Action != null)
        {
            foreach (var v in s.Action.Values)
            {
                if (Patterns.Like(v.Value, qualified, ignoreCase: true)) return v;
            }
            return null;
        }
        if (s.NotAction != null)
        {
            if (!notMarkers.TryGetValue(s, out var marker)) notMarkers[s] = marker = new StringValue("NotAction", s.NotAction.KeySpan);
            return marker;
        }
        return null;
    }
}

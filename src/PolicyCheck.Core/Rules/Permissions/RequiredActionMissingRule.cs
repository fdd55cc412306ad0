using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2002: proof that each action a configured feature needs is allowed on the workspace; reports the nearest miss.</summary>
public sealed class RequiredActionMissingRule : PolicyRule
{
    public override string Id => "PC2002";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        PolicyDocument? first = null;
        foreach (var d in context.Role.OfKind(DocumentKind.Permission))
        {
            first = d;
            break;
        }
        if (first == null) return; // only managed policies or no permission policy: PC2010 speaks for those
        var gateway = GatewayRequests.For(context);
        var set = gateway.PermissionSet();
        string target = context.Config.WorkspaceArnPattern(facts);
        var depends = new List<(string Key, StatementTrace? May, List<string> Actions, List<string> Features, List<string> Keys, System.Func<IReadOnlyList<string>> Trace)>();
        foreach (string action in Access.RequiredActions(context.Config, facts))
        {
            string qualified = facts.Qualified(action);
            var request = gateway.Call(action);
            var quick = Evaluator.Decide(set, request);
            if (quick != Decision.ImplicitDeny && quick != Decision.Depends) continue;
            var result = Evaluator.Evaluate(set, request);
            IReadOnlyList<string> trace() => Proofs.TraceOf(result, request);
            string feature = FeatureOf(context, action);
            if (result.Decision == Decision.Depends)
            {
                // A Deny that may apply is PC2007's; here: an Allow that holds only for some values. One warning per
                // statement and keys, listing the actions.
                if (!result.AllowDepends) continue;
                var may = result.MayMatch.Find(t => t.Statement.IsAllow && !Proofs.IsManaged(t));
                string key = (may != null ? may.Document.Path + "#" + may.Statement.Index : "-") + "|" + string.Join(",", result.DependsOn);
                int i = depends.FindIndex(e => e.Key == key);
                if (i < 0) depends.Add((key, may, new List<string> { qualified }, new List<string> { feature }, result.DependsOn, trace));
                else
                {
                    depends[i].Actions.Add(qualified);
                    if (!depends[i].Features.Contains(feature)) depends[i].Features.Add(feature);
                }
                continue;
            }
            if (result.Decision != Decision.ImplicitDeny) continue; // allowed, or PC2007 names the Deny
            if (context.Role.Boundaries.Count > 0 && Evaluator.Decide(new PolicySet { Identity = set.Identity }, request) == Decision.Allowed)
            {
                var b = context.Role.Boundaries[0];
                string name = b.Label ?? b.Path.Replace(ManagedPolicies.PathPrefix, string.Empty);
                context.Report(first, first.HasStatement ? first.StatementKeySpan : first.RootSpan,
                    $"{qualified} (needed for {feature}) is allowed by the role's policies but not by its permissions boundary {name}",
                    $"allow \"{qualified}\" on {target} in the permissions boundary {name}", trace: trace);
                continue;
            }
            var near = result.NearestMiss;
            if (near != null && !Proofs.IsManaged(near))
            {
                var s = near.Statement;
                if (near.Resource == false && s.Resources != null)
                {
                    context.Report(near.Document, s.Resources.KeySpan,
                        $"{qualified} (needed for {feature}) is allowed by {s.Label} only on resources that do not cover the gateway's workspace {target}",
                        $"make the Resource of {s.Label} cover {target}", trace: trace);
                    continue;
                }
                if (near.Condition == false && s.Condition != null)
                {
                    string why = near.Notes.Count > 0 ? near.Notes[near.Notes.Count - 1] : "a condition does not hold";
                    context.Report(near.Document, s.Condition.KeySpan,
                        $"{qualified} (needed for {feature}) is allowed by {s.Label} only under a condition the gateway's request does not meet: {why}",
                        $"remove or relax the condition of {s.Label} for {qualified}", trace: trace);
                    continue;
                }
            }
            string where = first.Statements.Count > 0 ? first.Statements[0].Label : "a statement";
            var managed = new List<string>();
            foreach (var m in context.Role.ManagedPolicies) managed.Add(m.Fact.Name);
            string also = managed.Count > 0 ? $"; the attached {string.Join(", ", managed)} does not grant it either" : string.Empty;
            context.Report(first, first.HasStatement ? first.StatementKeySpan : first.RootSpan,
                $"{qualified} is not allowed on {target}, but the gateway needs it for {feature}{also}",
                $"add \"{qualified}\" to {where} (with a Resource covering {target})", trace: trace);
        }
        foreach (var (_, may, actions, features, keys, trace) in depends)
        {
            var at = may?.Document ?? first;
            var span = may != null ? (may.Statement.Condition?.KeySpan ?? may.Statement.Span) : (first.HasStatement ? first.StatementKeySpan : first.RootSpan);
            string by = may != null ? $"by {may.Statement.Label} only" : "only";
            string verb = actions.Count > 1 ? "are" : "is";
            context.ReportDepends(at, span,
                $"{Names.List(actions)} (needed for {Needed(features)}) {verb} allowed {by} depending on {Names.List(keys)}: the gateway's request carries {(keys.Count > 1 ? "them" : "it")}, but the value is not known offline",
                keys, trace);
        }
    }

    /// <summary>"feature inference" or "features inference, count_tokens".</summary>
    private static string Needed(List<string> features)
    {
        if (features.Count == 1) return features[0];
        var names = new List<string>();
        foreach (var f in features) names.Add(f.StartsWith("feature ", System.StringComparison.Ordinal) ? f.Substring(8) : f);
        return "features " + string.Join(", ", names);
    }

    private static string FeatureOf(RuleContext context, string action)
    {
        foreach (var name in context.Config.EffectiveFeatures(context.Facts))
        {
            var f = context.Facts.FindFeature(name);
            if (f != null && System.Linq.Enumerable.Contains(f.Actions, action)) return "feature " + name;
        }
        return "a configured feature";
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2009: Claude Platform actions that no configured feature uses (least privilege).</summary>
public sealed class ActionBeyondFeaturesRule : PolicyRule
{
    public override string Id => "PC2009";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        var allowed = Access.FeatureActions(context.Config, facts);
        string features = string.Join(", ", context.Config.EffectiveFeatures(facts));
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Action == null) continue;
                foreach (var value in s.Action.Values)
                {
                    if (!Names.SplitAction(value.Value, out string prefix, out _)) continue;
                    if (!string.Equals(prefix, facts.Namespace, StringComparison.OrdinalIgnoreCase)) continue;
                    if (string.Equals(value.Value, facts.Namespace + ":*", StringComparison.OrdinalIgnoreCase)) continue; // PC2008
                    var extra = new List<string>();
                    foreach (var a in Access.Expand(facts, value.Value))
                    {
                        if (!allowed.Contains(a.Name)) extra.Add(a.Name);
                    }
                    if (extra.Count == 0) continue;
                    string what = Wildcard.HasWildcard(value.Value) ? $"\"{value.Value}\" also grants {Names.List(extra)}" : $"{extra[0]}";
                    context.Report(doc, value.Span, $"{what}, which no configured feature uses (features: {features})");
                }
            }
        }
    }
}

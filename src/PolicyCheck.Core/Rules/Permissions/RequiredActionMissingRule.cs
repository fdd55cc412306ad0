using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2002: an action a configured gateway feature needs is not allowed on the workspace.</summary>
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
        var target = WorkspaceTarget.From(context.Config, facts);
        foreach (string action in Access.RequiredActions(context.Config, facts))
        {
            string qualified = facts.Qualified(action);
            var fact = facts.FindAction(action);
            bool granted = false;
            Statement? nearMiss = null;
            PolicyDocument? nearDoc = null;
            foreach (var doc in context.Role.PermissionDocuments())
            {
                foreach (var s in doc.Statements)
                {
                    if (Access.Grants(s, qualified, target, fact))
                    {
                        granted = true;
                        break;
                    }
                    if (nearMiss == null && s.IsAllow && Access.CoversAction(s, qualified) && !doc.Path.StartsWith(ManagedPolicies.PathPrefix, System.StringComparison.Ordinal))
                    {
                        nearMiss = s;
                        nearDoc = doc;
                    }
                }
                if (granted) break;
            }
            if (granted) continue;
            string feature = FeatureOf(context, action);
            if (nearMiss != null && nearDoc != null && nearMiss.Resources != null)
            {
                context.Report(nearDoc, nearMiss.Resources.KeySpan,
                    $"{qualified} (needed for {feature}) is allowed by {nearMiss.Label} only on resources that do not cover the gateway's workspace {target}",
                    $"make the Resource of {nearMiss.Label} cover {target}");
                continue;
            }
            string where = first.Statements.Count > 0 ? first.Statements[0].Label : "a statement";
            var managed = new List<string>();
            foreach (var m in context.Role.ManagedPolicies) managed.Add(m.Fact.Name);
            string also = managed.Count > 0 ? $"; the attached {string.Join(", ", managed)} does not grant it either" : string.Empty;
            context.Report(first, first.HasStatement ? first.StatementKeySpan : first.RootSpan,
                $"{qualified} is not allowed on {target}, but the gateway needs it for {feature}{also}",
                $"add \"{qualified}\" to {where} (with a Resource covering {target})");
        }
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

using System;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2006: CallWithBearerToken, ListWorkspaces... placed only on workspace ARNs, where they are never granted.</summary>
public sealed class AccountScopedActionResourceRule : PolicyRule
{
    public override string Id => "PC2006";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Action == null || s.Resource == null) continue;
                bool star = false;
                foreach (var r in s.Resource.Values) if (r.Value == "*") star = true;
                if (star) continue;
                foreach (var value in s.Action.Values)
                {
                    if (!Names.SplitAction(value, out string prefix, out string name)) continue;
                    if (!string.Equals(prefix, facts.Namespace, StringComparison.OrdinalIgnoreCase) || Wildcard.HasWildcard(name)) continue;
                    var fact = facts.FindAction(name);
                    if (fact == null || fact.Scope != ResourceScope.Account) continue;
                    context.Report(doc, value.Span,
                        $"{fact.Name} has no resource type, so on {s.Resource.Values[0].Value} it is silently never granted",
                        $"move \"{value.Value}\" to a statement with \"Resource\": \"*\"");
                }
            }
        }
    }
}

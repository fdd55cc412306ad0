using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1030: iam:PassRole allowed on "*" or through NotResource (AA PASS_ROLE_WITH_STAR_IN_RESOURCE and friends).</summary>
public sealed class PassRoleWildcardRule : PolicyRule
{
    public override string Id => "PC1030";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || !Grants(s, "iam:PassRole")) continue;
                bool star = s.NotResource != null;
                if (s.Resource != null) foreach (var r in s.Resource.Values) star |= r.Value == "*" || r.Value == "arn:aws:iam::*:role/*";
                if (!star) continue;
                var at = s.Resources?.KeySpan ?? s.Span;
                context.Report(doc, at, $"{s.Label} lets this role pass any role to any service: whoever holds it can hand a service a more privileged role",
                    "limit iam:PassRole to the role ARNs that are needed, and add an iam:PassedToService condition");
            }
        }
    }

    /// <summary>True when the statement's Action (other than a bare "*") or its NotAction lets <paramref name="action"/> through.</summary>
    internal static bool Grants(Statement s, string action)
    {
        if (s.NotAction != null) return !Matches(s.NotAction.Values, action);
        return s.Action != null && Matches(s.Action.Values, action);
    }

    private static bool Matches(System.Collections.Generic.IReadOnlyList<StringValue> values, string action)
    {
        foreach (var v in values)
        {
            if (v.Value == "*") continue; // a bare "*" is PC2008's and a broader problem
            if (Wildcard.Match(v.Value, action, ignoreCase: true)) return true;
        }
        return false;
    }
}

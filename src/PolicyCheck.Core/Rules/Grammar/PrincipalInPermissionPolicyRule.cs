using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1013: Principal or NotPrincipal in an identity-based permission policy.</summary>
public sealed class PrincipalInPermissionPolicyRule : PolicyRule
{
    public override string Id => "PC1013";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                var p = s.Principals;
                if (p != null) context.Report(doc, p.KeySpan, $"{s.Label} of the permission policy has \"{p.Name}\"; identity-based policies do not name principals");
            }
        }
    }
}

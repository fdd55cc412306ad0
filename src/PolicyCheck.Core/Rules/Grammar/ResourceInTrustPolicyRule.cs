using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1012: Resource or NotResource in a role trust policy.</summary>
public sealed class ResourceInTrustPolicyRule : PolicyRule
{
    public override string Id => "PC1012";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                var r = s.Resources;
                if (r != null) context.Report(doc, r.KeySpan, $"{s.Label} of the trust policy has \"{r.Name}\"; a trust policy's resource is the role itself");
            }
        }
    }
}

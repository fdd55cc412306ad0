using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1016: a trust statement needs exactly one of Principal and NotPrincipal.</summary>
public sealed class PrincipalElementRule : PolicyRule
{
    public override string Id => "PC1016";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Principal != null && s.NotPrincipal != null)
                {
                    context.Report(doc, s.NotPrincipal.KeySpan, $"{s.Label} has both \"Principal\" and \"NotPrincipal\"; IAM allows only one");
                }
                else if (!s.HasKey("Principal") && !s.HasKey("NotPrincipal"))
                {
                    var expected = context.Config.ExpectedPrincipals(context.Facts);
                    string fix = expected.Count > 0 ? $"add \"Principal\": {{\"AWS\": \"{expected[0]}\"}}" : context.Descriptor.Fix;
                    context.Report(doc, s.Span, $"{s.Label} of the trust policy has no \"Principal\"", fix);
                }
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3003: Allow with NotPrincipal trusts everyone but the listed principals.</summary>
public sealed class AllowWithNotPrincipalRule : PolicyRule
{
    public override string Id => "PC3003";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (s.IsAllow && s.NotPrincipal != null)
                {
                    context.Report(doc, s.NotPrincipal.KeySpan, $"{s.Label} is an Allow with NotPrincipal: every principal except the listed ones may assume the role");
                }
            }
        }
    }
}

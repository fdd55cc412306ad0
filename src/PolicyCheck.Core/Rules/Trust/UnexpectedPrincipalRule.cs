using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3010: principals other than the gateway's may assume the role.</summary>
public sealed class UnexpectedPrincipalRule : PolicyRule
{
    public override string Id => "PC3010";

    public override void Check(RuleContext context)
    {
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        if (expected.Count == 0) return;
        foreach (var (doc, s) in TrustStatements.AssumeRoleAllows(context.Role))
        {
            if (s.Principal == null) continue;
            foreach (var e in s.Principal.Entries)
            {
                string v = e.Value.Value;
                if (v == "*" || Arn.IsAccountId(v) || v.EndsWith(":root", System.StringComparison.Ordinal)) continue; // PC3002
                bool known = false;
                foreach (var x in expected)
                {
                    if (v == x || TrustStatements.NearMiss(v, x) != null) known = true; // near misses: PC3001
                }
                if (known) continue;
                context.Report(doc, e.Value.Span, $"{e.Type} principal \"{v}\" may also assume the gateway's role");
            }
        }
    }
}

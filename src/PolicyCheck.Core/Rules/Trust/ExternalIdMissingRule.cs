using PolicyCheck.Engine;
using PolicyCheck.Facts;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3005: the gateway may assume the role without an sts:ExternalId condition.</summary>
public sealed class ExternalIdMissingRule : PolicyRule
{
    public override string Id => "PC3005";

    public override void Check(RuleContext context)
    {
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        bool required = context.Config.ExternalIdRequired;
        foreach (var (doc, s) in TrustStatements.AssumeRoleAllows(context.Role))
        {
            if (s.Principal == null || !TrustStatements.ForExpected(s, expected)) continue;
            if (TrustStatements.ExternalIdClauses(s).Count > 0) continue;
            var at = s.Condition != null ? s.Condition.KeySpan : s.Principal.KeySpan;
            string who = expected.Count > 0 ? expected[0] : "the trusted principal";
            context.Report(doc, at,
                required
                    ? $"{s.Label} lets {who} assume the role without an sts:ExternalId condition, but policycheck.yml requires one"
                    : $"{s.Label} lets {who} assume the role without an sts:ExternalId condition; an external ID is recommended against the confused-deputy problem",
                severity: required ? Severity.Error : Severity.Note);
        }
    }
}

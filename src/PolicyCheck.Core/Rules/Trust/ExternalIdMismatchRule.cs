using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3008: the trust policy's external ID differs from the configured one. The configured value is never printed.</summary>
public sealed class ExternalIdMismatchRule : PolicyRule
{
    public override string Id => "PC3008";

    public override void Check(RuleContext context)
    {
        var configured = context.Config.ExternalIdValue;
        if (configured == null) return;
        string source = context.Config.ExternalIdSource ?? "policycheck.yml";
        foreach (var (doc, s) in TrustStatements.AssumeRoleAllows(context.Role))
        {
            foreach (var c in TrustStatements.ExternalIdClauses(s))
            {
                if (c.Values.Count == 0 || !c.BaseOperator.StartsWith("StringEquals", StringComparison.Ordinal)) continue;
                bool match = false;
                foreach (var v in c.Values)
                {
                    if (c.BaseOperator == "StringEqualsIgnoreCase" ? string.Equals(v.Value, configured.Value, StringComparison.OrdinalIgnoreCase) : v.Value == configured.Value) match = true;
                }
                if (match) continue;
                context.Report(doc, c.Values[0].Span,
                    $"the sts:ExternalId value \"{c.Values[0].Value}\" is not the external ID configured in {source}; Portkey sends the configured one, so AssumeRole will fail");
            }
        }
    }
}

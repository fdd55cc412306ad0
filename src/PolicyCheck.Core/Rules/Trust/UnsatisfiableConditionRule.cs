using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>
/// PC3009: trust conditions the gateway's AssumeRole can never satisfy: a condition that needs a key the request does
/// not carry (MFA, a VPC endpoint, session tags…; rules/service.yml requestKeys). A key the request carries with a value
/// unknown offline (aws:SourceIp, sts:RoleSessionName) is not this rule's: the PC3011 proof says "depends on" it.
/// </summary>
public sealed class UnsatisfiableConditionRule : PolicyRule
{
    public override string Id => "PC3009";

    public override void Check(RuleContext context)
    {
        bool selfHosted = context.Config.Deployment == Config.Deployment.SelfHosted;
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        foreach (var (doc, s) in TrustStatements.AssumeRoleAllows(context.Role))
        {
            if (s.Condition == null || !TrustStatements.ForExpected(s, expected)) continue;
            foreach (var c in s.Condition.Clauses)
            {
                if (!NeverSent(context, c.Key.Value, selfHosted) || TrueWhenAbsent(c)) continue;
                context.Report(doc, c.Key.Span,
                    $"the condition on {c.Key.Value} can never be met by Portkey's sts:AssumeRole call, so the gateway is always denied");
            }
        }
    }

    /// <summary>The gateway's AssumeRole never carries the key: the table says absent (a key not in it is not sent either).</summary>
    private static bool NeverSent(RuleContext context, string key, bool selfHosted)
    {
        if (key.StartsWith("sts:ExternalId", StringComparison.OrdinalIgnoreCase)) return false;
        var row = context.Facts.FindRequestKey(key);
        if (row == null) return key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("sts:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("saml:", StringComparison.OrdinalIgnoreCase);
        return row.StatusOn(assumeRole: true, selfHosted) == Facts.KeyStatus.Absent;
    }

    /// <summary>IfExists, negated operators, ForAllValues and Null=true all hold when the key is missing.</summary>
    private static bool TrueWhenAbsent(ConditionClause c)
    {
        if (c.IfExists || c.Qualifier == SetQualifier.ForAllValues) return true;
        if (c.BaseOperator.IndexOf("Not", StringComparison.Ordinal) >= 0) return true;
        if (c.BaseOperator == "Null")
        {
            foreach (var v in c.Values) if (string.Equals(v.Value, "true", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

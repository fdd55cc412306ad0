using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3009: trust conditions Portkey's AssumeRole can never satisfy (MFA, source IP, session name...).</summary>
public sealed class UnsatisfiableConditionRule : PolicyRule
{
    public override string Id => "PC3009";

    public override void Check(RuleContext context)
    {
        var keys = context.Facts.Portkey.UnsatisfiableConditionKeys;
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        foreach (var (doc, s) in TrustStatements.AssumeRoleAllows(context.Role))
        {
            if (s.Condition == null || !TrustStatements.ForExpected(s, expected)) continue;
            foreach (var c in s.Condition.Clauses)
            {
                if (!Matches(keys, c.Key.Value) || TrueWhenAbsent(c)) continue;
                context.Report(doc, c.Key.Span,
                    $"the condition on {c.Key.Value} can never be met by Portkey's sts:AssumeRole call, so the gateway is always denied");
            }
        }
    }

    private static bool Matches(System.Collections.Generic.IReadOnlyList<string> keys, string key)
    {
        foreach (var k in keys)
        {
            if (k.EndsWith("/", StringComparison.Ordinal) ? key.StartsWith(k, StringComparison.OrdinalIgnoreCase) : string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
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

using System;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3006: sts:ExternalId checked with anything weaker than StringEquals.</summary>
public sealed class ExternalIdOperatorRule : PolicyRule
{
    public override string Id => "PC3006";

    /// <summary>
    /// StringEquals says the same thing without the weakness when the operator compares strings for equality
    /// (IfExists, a set qualifier, IgnoreCase, StringLike without a wildcard), its block holds only sts:ExternalId and
    /// the statement has no StringEquals block already.
    /// </summary>
    private static bool Replaceable(Statement s, ConditionClause c)
    {
        bool equality = c.BaseOperator == "StringEquals" || c.BaseOperator == "StringEqualsIgnoreCase"
            || (c.BaseOperator == "StringLike" && !AnyWildcard(c));
        if (!equality || s.Condition == null) return false;
        foreach (var other in s.Condition.Clauses)
        {
            if (other.Operator.Value == "StringEquals") return false;
            if (other.Operator.Span.Start == c.Operator.Span.Start && !string.Equals(other.Key.Value, "sts:ExternalId", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private static bool AnyWildcard(ConditionClause c)
    {
        foreach (var v in c.Values) if (Wildcard.HasWildcard(v.Value)) return true;
        return false;
    }

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow) continue;
                foreach (var c in TrustStatements.ExternalIdClauses(s))
                {
                    string op = c.Operator.Value;
                    if (op == "StringEquals") continue;
                    string? why = null;
                    var severity = Severity.Error;
                    if (c.Qualifier != SetQualifier.None)
                    {
                        why = $"{op} is a set operator; sts:ExternalId is a single value{(c.Qualifier == SetQualifier.ForAllValues ? " and ForAllValues is true when no external ID is sent" : string.Empty)}";
                    }
                    else if (c.IfExists)
                    {
                        why = $"{op} is true when no external ID is sent, so callers without one get in";
                    }
                    else if (c.BaseOperator.StartsWith("StringNot", StringComparison.Ordinal) || c.BaseOperator.StartsWith("ArnNot", StringComparison.Ordinal)
                        || c.BaseOperator == "NotIpAddress" || c.BaseOperator.EndsWith("NotEquals", StringComparison.Ordinal))
                    {
                        why = $"{op} is negated: every external ID except the listed ones (and none at all) is accepted";
                    }
                    else if (c.BaseOperator == "StringLike")
                    {
                        bool wild = false;
                        foreach (var v in c.Values) wild |= Wildcard.HasWildcard(v.Value);
                        if (wild)
                        {
                            why = "StringLike with a wildcard accepts every external ID that matches the pattern";
                        }
                        else
                        {
                            why = "StringLike works here only because the value has no wildcard; StringEquals says what is meant";
                            severity = Severity.Warning;
                        }
                    }
                    else if (c.BaseOperator == "StringEqualsIgnoreCase")
                    {
                        why = "StringEqualsIgnoreCase accepts the external ID in any letter case";
                        severity = Severity.Warning;
                    }
                    else if (c.BaseOperator == "Null")
                    {
                        why = "Null checks only whether an external ID is present, not its value";
                    }
                    else
                    {
                        why = $"{op} does not compare the external ID as a string";
                    }
                    context.Report(doc, c.Operator.Span, $"weak sts:ExternalId check: {why}", severity: severity,
                        edit: Replaceable(s, c) ? new TextEdit(op, "StringEquals") : null);
                }
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1035: '*' or '?' in the value of a string operator that compares literally (AA WILDCARD_WITHOUT_LIKE_OPERATOR).</summary>
public sealed class WildcardWithoutLikeOperatorRule : PolicyRule
{
    public override string Id => "PC1035";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family != OperatorFamily.String || op.Like) continue;
            foreach (var v in c.Values)
            {
                if (!HasWildcard(v.Value)) continue;
                string like = op.Negated ? "StringNotLike" : "StringLike";
                string fix = op.IgnoreCase
                    ? $"use \"{c.Operator.Value.Replace(c.BaseOperator, like)}\" (it is case-sensitive) or write the value out"
                    : $"use \"{c.Operator.Value.Replace(c.BaseOperator, like)}\"";
                context.Report(doc, v.Span, $"\"{v.Value}\" under {c.Operator.Value} is matched literally: '*' and '?' are wildcards only with {like}", fix);
            }
        }
    }

    /// <summary>A '*' or '?' outside a policy variable (${*} and ${?} stand for the characters themselves).</summary>
    private static bool HasWildcard(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                int end = value.IndexOf('}', i + 2);
                if (end < 0) return false;
                i = end;
                continue;
            }
            if (value[i] == '*' || value[i] == '?') return true;
        }
        return false;
    }
}

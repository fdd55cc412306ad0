using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1039: a multivalued key (ArrayOf…) compared without ForAnyValue or ForAllValues (AA MISSING_QUALIFIER).</summary>
public sealed class MissingSetQualifierRule : PolicyRule
{
    public override string Id => "PC1039";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            if (c.Qualifier != SetQualifier.None) continue;
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family == OperatorFamily.Null) continue;
            string? type = ConditionKeys.Type(context, c.Key.Value);
            if (type == null || !type.StartsWith("ArrayOf", System.StringComparison.Ordinal)) continue;
            context.Report(doc, c.Key.Span,
                $"{c.Key.Value} can carry several values in one request ({type}); IAM requires a set operator to compare it, and {c.Operator.Value} has none",
                $"use \"ForAnyValue:{c.Operator.Value}\" (one of the request's values must match) or \"ForAllValues:{c.Operator.Value}\" (every value must match; also true when the key is absent)");
        }
    }
}

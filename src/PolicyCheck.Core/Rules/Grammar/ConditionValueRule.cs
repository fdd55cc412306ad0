using PolicyCheck.Engine;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1019: a condition value of the wrong type for its operator (number, date, Boolean, IP/CIDR, base64, ARN), or a policy variable where the operator resolves none.</summary>
public sealed class ConditionValueRule : PolicyRule
{
    public override string Id => "PC1019";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(c.BaseOperator);
            if (op == null) continue; // PC1018
            if (c.Values.Count == 0)
            {
                context.Report(doc, c.Key.Span, $"{c.Operator.Value} {c.Key.Value} has no values, so it can never hold", "give the key at least one value");
                continue;
            }
            foreach (var v in c.Values)
            {
                if (op.Family != OperatorFamily.String && op.Family != OperatorFamily.Arn && PolicyVariables.HasVariable(v.Value) && doc.Version?.Value == "2012-10-17")
                {
                    context.Report(doc, v.Span, $"{c.Key.Value}: \"{v.Value}\" holds a policy variable, and IAM resolves variables only under String and Arn operators, not under {c.Operator.Value} (AA INVALID_VARIABLE_FOR_OPERATOR); the condition can never hold as written",
                        "write a literal value, or compare the key with a String operator");
                    continue;
                }
                string? why = Operators.CheckPolicyValue(op, v.Value);
                if (why != null) context.Report(doc, v.Span, $"{c.Key.Value}: {why}; the condition can never hold as written");
            }
        }
    }
}

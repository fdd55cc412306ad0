using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1018: an unknown condition operator, or Null with IfExists or a set qualifier.</summary>
public sealed class ConditionOperatorRule : PolicyRule
{
    public override string Id => "PC1018";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Condition == null) continue;
                StringValue? last = null;
                foreach (var c in s.Condition.Clauses)
                {
                    if (ReferenceEquals(c.Operator, last)) continue; // one report per operator
                    last = c.Operator;
                    var op = Operators.Find(c.BaseOperator);
                    if (op == null)
                    {
                        string? near = Names.Nearest(c.BaseOperator, Operators.Names);
                        context.Report(doc, c.Operator.Span, $"\"{c.Operator.Value}\" is not an IAM condition operator; IAM rejects the policy",
                            near != null ? $"use \"{c.Operator.Value.Replace(c.BaseOperator, near)}\"" : null);
                        continue;
                    }
                    if (op.Family == OperatorFamily.Null && (c.IfExists || c.Qualifier != SetQualifier.None))
                    {
                        context.Report(doc, c.Operator.Span, $"\"{c.Operator.Value}\": Null takes neither IfExists nor ForAllValues/ForAnyValue",
                            "write plain \"Null\"");
                    }
                }
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1043: several values under an ordered numeric operator, where the loosest one decides (AA REDUNDANT_CONDITION_VALUE_NUM).</summary>
public sealed class RedundantNumericValueRule : PolicyRule
{
    public override string Id => "PC1043";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family != OperatorFamily.Numeric || op.Compare == 0 || c.Values.Count < 2) continue;
            StringValue? loosest = null;
            decimal best = 0;
            foreach (var v in c.Values)
            {
                if (!ConditionValues.TryNumber(v.Value, out decimal n)) { loosest = null; break; } // PC1019
                if (loosest == null || (op.Compare < 0 ? n > best : n < best))
                {
                    loosest = v;
                    best = n;
                }
            }
            if (loosest == null) continue;
            foreach (var v in c.Values)
            {
                if (v == loosest) continue;
                context.Report(doc, v.Span,
                    $"\"{v.Value}\" is redundant: {c.Operator.Value} holds when any value matches, and \"{loosest.Value}\" already covers every request this one does",
                    $"keep only \"{loosest.Value}\"");
            }
        }
    }
}

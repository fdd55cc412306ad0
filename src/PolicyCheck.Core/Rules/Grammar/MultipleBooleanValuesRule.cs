using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1040: a Bool condition with more than one value (AA INVALID_CONDITION_MULTIPLE_BOOLEAN).</summary>
public sealed class MultipleBooleanValuesRule : PolicyRule
{
    public override string Id => "PC1040";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            if (c.BaseOperator != "Bool" || c.Values.Count < 2) continue;
            bool both = false, t = false, f = false;
            foreach (var v in c.Values)
            {
                t |= string.Equals(v.Value, "true", StringComparison.OrdinalIgnoreCase);
                f |= string.Equals(v.Value, "false", StringComparison.OrdinalIgnoreCase);
            }
            both = t && f;
            context.Report(doc, c.Key.Span,
                both ? $"{c.Key.Value} is given both true and false: a Boolean key takes one value, and with both the test holds for every request that has the key"
                     : $"{c.Key.Value} is given {c.Values.Count} Boolean values: a Boolean key takes one value",
                "give one value, \"true\" or \"false\"");
        }
    }
}

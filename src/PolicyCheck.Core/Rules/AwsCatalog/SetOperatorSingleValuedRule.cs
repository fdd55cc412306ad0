using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1028: ForAllValues/ForAnyValue on a single-valued key (AA FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning: ForAllValues is true when the key is missing).</summary>
public sealed class SetOperatorSingleValuedRule : PolicyRule
{
    public override string Id => "PC1028";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, clause) in context.Role.ConditionClauses())
        {
            if (clause.Qualifier == SetQualifier.None) continue;
            string? type = ConditionKeys.Type(context, clause.Key.Value);
            if (type == null || type.StartsWith("ArrayOf", System.StringComparison.Ordinal)) continue;
            bool all = clause.Qualifier == SetQualifier.ForAllValues;
            context.Report(doc, clause.Operator.Span,
                $"{clause.Operator.Value} is a set operator, but {clause.Key.Value} has a single value{(all ? "; ForAllValues is also true when the key is missing, which can let requests through" : string.Empty)}",
                $"use {clause.BaseOperator}{(clause.IfExists ? "IfExists" : string.Empty)} without the qualifier",
                severity: all ? Severity.Warning : Severity.Note);
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1027: the operator's type does not fit the key's type (AA TYPE_MISMATCH_*): StringEquals on a Bool key, NumericLessThan on a Date key…</summary>
public sealed class OperatorKeyTypeRule : PolicyRule
{
    public override string Id => "PC1027";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, clause) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(clause.BaseOperator);
            if (op == null || op.Family == OperatorFamily.Null) continue;
            string? type = ConditionKeys.Type(context, clause.Key.Value);
            if (type == null) continue;
            string t = ConditionKeys.Base(type);
            if (Fits(op.Family, t, clause.Key.Value)) continue;
            context.Report(doc, clause.Operator.Span, $"{clause.Operator.Value} compares {Family(op.Family)} values, but {clause.Key.Value} is of type {type}", $"use {Suggest(t)} operator");
        }
    }

    private static bool Fits(OperatorFamily family, string type, string key) => family switch
    {
        OperatorFamily.String => type == "String" || type == "ARN",
        OperatorFamily.Arn => type == "ARN",
        OperatorFamily.Numeric => type == "Numeric" || (type == "Date" && key.EndsWith("EpochTime", System.StringComparison.OrdinalIgnoreCase)),
        OperatorFamily.Date => type == "Date",
        OperatorFamily.Bool => type == "Bool",
        OperatorFamily.Ip => type == "IPAddress",
        OperatorFamily.Binary => type == "Binary" || type == "String",
        _ => true,
    };

    private static string Family(OperatorFamily f) => f switch
    {
        OperatorFamily.String => "string",
        OperatorFamily.Arn => "ARN",
        OperatorFamily.Numeric => "numeric",
        OperatorFamily.Date => "date",
        OperatorFamily.Bool => "Boolean",
        OperatorFamily.Ip => "IP address",
        _ => "binary",
    };

    private static string Suggest(string type) => type switch
    {
        "Bool" => "the Bool",
        "Numeric" => "a Numeric…",
        "Date" => "a Date…",
        "IPAddress" => "the IpAddress/NotIpAddress",
        "ARN" => "an Arn… (or String…)",
        _ => "a String…",
    };
}

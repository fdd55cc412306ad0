using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1051: aws:VpcSourceIp without a key naming the VPC: private addresses repeat across VPCs (AA MISSING_PAIRED_CONDITION_KEYS).</summary>
public sealed class PairedConditionKeyMissingRule : PolicyRule
{
    public override string Id => "PC1051";

    private static readonly string[] Partners = { "aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn" };

    public override void Check(RuleContext context)
    {
        foreach (var (doc, s, c) in context.Role.ConditionClauses())
        {
            if (!string.Equals(c.Key.Value, "aws:VpcSourceIp", StringComparison.OrdinalIgnoreCase) || HasPartner(s)) continue;
            context.Report(doc, c.Key.Span,
                "aws:VpcSourceIp alone admits the address from any VPC: private ranges repeat across VPCs and accounts, so another VPC with the same range passes",
                "add aws:SourceVpc (or aws:SourceVpce) to the same condition block");
        }
    }

    private static bool HasPartner(Model.Statement s)
    {
        foreach (var c in s.Condition!.Clauses)
        {
            foreach (string p in Partners)
            {
                if (string.Equals(c.Key.Value, p, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}

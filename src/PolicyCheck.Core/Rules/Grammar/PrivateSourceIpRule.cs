using System;
using System.Collections.Generic;
using System.Net.Sockets;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>
/// PC1041: private address blocks under aws:SourceIp, which holds only public addresses (AA PRIVATE_IP_ADDRESS,
/// PRIVATE_NOT_IP_ADDRESS; PRIVATE_IP_ADDRESS_SUBSET and PRIVATE_NOT_IP_ADDRESS_SUBSET as notes).
/// </summary>
public sealed class PrivateSourceIpRule : PolicyRule
{
    public override string Id => "PC1041";

    private static readonly Cidr[] Private = Build("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128");

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            if (!string.Equals(c.Key.Value, "aws:SourceIp", StringComparison.OrdinalIgnoreCase)) continue;
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family != OperatorFamily.Ip || c.Values.Count == 0) continue;
            var priv = new List<StringValue>();
            foreach (var v in c.Values)
            {
                if (ConditionValues.TryCidr(v.Value, out var cidr, out _) && IsPrivate(cidr)) priv.Add(v);
            }
            if (priv.Count == 0) continue;
            const string Fix = "test private addresses with aws:VpcSourceIp (and aws:SourceVpc); keep aws:SourceIp for public ones";
            if (priv.Count == c.Values.Count)
            {
                string effect = op.Negated
                    ? $"{c.Operator.Value} on them excludes nothing: the condition holds for every request that has a source IP"
                    : "none of them ever matches: the condition never holds";
                context.Report(doc, c.Key.Span,
                    $"aws:SourceIp holds only public addresses (requests through a VPC endpoint carry aws:VpcSourceIp instead), and every value here is private: {effect}", Fix);
                continue;
            }
            foreach (var v in priv)
            {
                context.Report(doc, v.Span, $"\"{v.Value}\" is a private range: aws:SourceIp holds only public addresses, so this value has no effect", Fix, Severity.Note);
            }
        }
    }

    private static bool IsPrivate(Cidr block)
    {
        foreach (var p in Private)
        {
            if (p.Family == block.Family && block.Prefix >= p.Prefix && p.Contains(block.Network, block.Family)) return true;
        }
        return false;
    }

    private static Cidr[] Build(params string[] blocks)
    {
        var list = new Cidr[blocks.Length];
        for (int i = 0; i < blocks.Length; i++)
        {
            ConditionValues.TryCidr(blocks[i], out list[i], out _);
        }
        return list;
    }
}

using System.Net;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1042: a CIDR block with bits set after its prefix, which IAM ignores (AA IMPROVE_IP_RANGE); the fix writes the network address.</summary>
public sealed class IpRangeHostBitsRule : PolicyRule
{
    public override string Id => "PC1042";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family != OperatorFamily.Ip) continue;
            foreach (var v in c.Values)
            {
                if (v.Value.IndexOf('/') < 0 || !ConditionValues.TryCidr(v.Value, out var cidr, out _)) continue;
                byte[] net = (byte[])cidr.Network.Clone();
                bool changed = false;
                for (int bit = cidr.Prefix; bit < net.Length * 8; bit++)
                {
                    int mask = 0x80 >> (bit % 8);
                    if ((net[bit / 8] & mask) == 0) continue;
                    net[bit / 8] = (byte)(net[bit / 8] & ~mask);
                    changed = true;
                }
                if (!changed) continue;
                string block = new IPAddress(net).ToString() + "/" + cidr.Prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Report(doc, v.Span, $"\"{v.Value}\": IAM ignores the bits after the first {cidr.Prefix}, so the block is {block}",
                    $"write \"{block}\"", edit: new TextEdit(v.Value, block));
            }
        }
    }
}

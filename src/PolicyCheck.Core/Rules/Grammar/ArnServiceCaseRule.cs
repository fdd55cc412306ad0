using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1047: capitals in the service of a resource ARN, which IAM compares in lowercase (AA INVALID_ARN_SERVICE_CASE); the fix lowercases it.</summary>
public sealed class ArnServiceCaseRule : PolicyRule
{
    public override string Id => "PC1047";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ResourceLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        var arn = Arn.TryParse(v.Value);
                        if (arn == null || string.Equals(arn.Service, arn.Service.ToLowerInvariant(), StringComparison.Ordinal)) continue;
                        string service = arn.Service.ToLowerInvariant();
                        int at = "arn:".Length + arn.Partition.Length + 1;
                        string fixedArn = v.Value.Substring(0, at) + service + v.Value.Substring(at + arn.Service.Length);
                        context.Report(doc, v.Span, $"\"{arn.Service}\" in \"{v.Value}\": service prefixes in ARNs are lowercase, so this ARN names no resource",
                            $"write \"{fixedArn}\"", edit: new TextEdit(v.Value, fixedArn));
                    }
                }
            }
        }
    }
}

using System;
using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>
/// PC1044: a value no request can carry for its key: a VPC or VPC endpoint ID, a region, or a service principal in the
/// wrong shape (AA INVALID_VPC_FORMAT, INVALID_VPCE_FORMAT, INVALID_REGION, INVALID_SERVICE_PRINCIPAL_FORMAT).
/// </summary>
public sealed class ConditionValueFormatRule : PolicyRule
{
    public override string Id => "PC1044";

    private static readonly Regex Vpc = new Regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
    private static readonly Regex Vpce = new Regex("^vpce-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
    private static readonly Regex ServicePrincipal = new Regex("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant);
    private static readonly Regex ViaService = new Regex("^[a-z0-9-]+\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$", RegexOptions.CultureInvariant);

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            var op = Operators.Find(c.BaseOperator);
            if (op == null || op.Family != OperatorFamily.String) continue;
            var kind = KindOf(c.Key.Value);
            if (kind == null) continue;
            foreach (var v in c.Values)
            {
                if (v.Value.IndexOf("${", StringComparison.Ordinal) >= 0 || (op.Like && Wildcard.HasWildcard(v.Value))) continue;
                string value = op.IgnoreCase ? v.Value.ToLowerInvariant() : v.Value;
                string? why = kind switch
                {
                    "vpc" => Vpc.IsMatch(value) ? null : "a VPC ID is vpc- and 8 or 17 lowercase hex digits",
                    "vpce" => Vpce.IsMatch(value) ? null : "a VPC endpoint ID is vpce- and 8 or 17 lowercase hex digits",
                    "region" => Arn.IsRegionShape(value) ? null : "a region is written like us-east-1, in lowercase",
                    "via" => ViaService.IsMatch(value) ? null : "kms:ViaService names a service endpoint, service.region.amazonaws.com",
                    _ => ServicePrincipal.IsMatch(value) ? null : "a service principal is written like lambda.amazonaws.com, in lowercase",
                };
                if (why == null) continue;
                context.Report(doc, v.Span, $"\"{v.Value}\" can never be the value of {c.Key.Value}: {why}, so this value matches no request", "correct the value");
            }
        }
    }

    private static string? KindOf(string key)
    {
        if (Is(key, "aws:SourceVpc")) return "vpc";
        if (Is(key, "aws:SourceVpce")) return "vpce";
        if (Is(key, "aws:RequestedRegion") || Is(key, "ec2:Region")) return "region";
        if (Is(key, "kms:ViaService")) return "via";
        if (Is(key, "aws:PrincipalServiceName") || Is(key, "aws:PrincipalServiceNamesList") || Is(key, "iam:PassedToService") || Is(key, "iam:AWSServiceName")) return "service";
        return null;
    }

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);
}

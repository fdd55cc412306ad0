using System;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>
/// PC1050: iam:CreateServiceLinkedRole allowed for every service: "*" or NotResource, with no iam:AWSServiceName condition
/// (AA CREATE_SLR_WITH_STAR_IN_RESOURCE, CREATE_SLR_WITH_NOT_RESOURCE and their star-action and NotAction forms).
/// </summary>
public sealed class CreateServiceLinkedRoleWildcardRule : PolicyRule
{
    public override string Id => "PC1050";

    private const string Action = "iam:CreateServiceLinkedRole";

    // Two service-linked roles of different services: a Resource that covers both is not limited to one service.
    private static readonly string[] Probes =
    {
        "arn:aws:iam::111111111111:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
        "arn:aws:iam::111111111111:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk",
    };

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || !PassRoleWildcardRule.Grants(s, Action) || NamesService(s)) continue;
                bool every = s.NotResource != null;
                if (s.Resource != null)
                {
                    foreach (var r in s.Resource.Values) every |= Wildcard.Match(r.Value, Probes[0], false) && Wildcard.Match(r.Value, Probes[1], false);
                }
                if (!every) continue;
                context.Report(doc, s.Resources?.KeySpan ?? s.Span,
                    $"{s.Label} lets this role create the service-linked role of any AWS service, which gives that service the permissions its role carries",
                    "limit Resource to the roles needed (arn:aws:iam::*:role/aws-service-role/SERVICE.amazonaws.com/*) or add an iam:AWSServiceName condition");
            }
        }
    }

    private static bool NamesService(Statement s)
    {
        if (s.Condition == null) return false;
        foreach (var c in s.Condition.Clauses)
        {
            var op = Operators.Find(c.BaseOperator);
            if (op != null && !op.Negated && !c.IfExists && op.Family == OperatorFamily.String && string.Equals(c.Key.Value, "iam:AWSServiceName", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

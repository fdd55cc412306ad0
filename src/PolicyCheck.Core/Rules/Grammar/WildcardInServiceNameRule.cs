using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1046: '*' or '?' in the service prefix of an action or of a resource ARN (AA WILDCARD_IN_SERVICE_NAME).</summary>
public sealed class WildcardInServiceNameRule : PolicyRule
{
    public override string Id => "PC1046";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ActionLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        if (!Names.SplitAction(v, out string prefix, out _) || !Wildcard.HasWildcard(prefix)) continue;
                        context.Report(doc, v.Span, $"\"{v.Value}\": the wildcard in the service prefix \"{prefix}\" matches every service whose prefix fits, including services added later",
                            "name the service (one action entry per service)");
                    }
                }
                foreach (var list in s.ResourceLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        var arn = Arn.TryParse(v.Value);
                        if (arn == null || !Wildcard.HasWildcard(arn.Service) || arn.Service == "*") continue;
                        context.Report(doc, v.Span, $"\"{v.Value}\": the wildcard in the service \"{arn.Service}\" matches the resources of every service whose prefix fits, including services added later",
                            "name the service (one ARN per service)");
                    }
                }
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1049: a wildcard inside a principal ("arn:aws:iam::123456789012:role/*"), or any wildcard for a service, federated or canonical-user principal (AA UNSUPPORTED_WILDCARD_IN_PRINCIPAL).</summary>
public sealed class PrincipalPartialWildcardRule : PolicyRule
{
    public override string Id => "PC1049";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                var p = s.Principals;
                if (p == null) continue;
                foreach (var e in p.Entries)
                {
                    string v = e.Value.Value;
                    if (e.Type == "*" || !Wildcard.HasWildcard(v) || (e.Type == "AWS" && v == "*")) continue;
                    string fix = e.Type == "AWS"
                        ? "name the principals, or use \"*\" with an ArnLike condition on aws:PrincipalArn for the pattern"
                        : $"name the {e.Type} principal exactly";
                    context.Report(doc, e.Value.Span,
                        $"\"{v}\": IAM does not expand wildcards in \"{e.Type}\" principals and rejects the policy (only \"AWS\": \"*\" stands for everyone)", fix);
                }
            }
        }
    }
}

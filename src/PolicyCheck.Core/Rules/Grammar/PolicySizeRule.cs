using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1014: the policy is larger than the IAM quota for its type (whitespace not counted).</summary>
public sealed class PolicySizeRule : PolicyRule
{
    public const int TrustQuota = 2048;
    public const int TrustQuotaRaised = 4096;
    public const int ManagedQuota = 6144;
    public const int InlineRoleQuota = 10240;

    public override string Id => "PC1014";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            if (!doc.IsParsed) continue;
            int n = doc.QuotaLength;
            if (doc.Kind == DocumentKind.Trust && n > TrustQuota)
            {
                context.Report(doc, doc.RootSpan,
                    $"the trust policy has {n:N0} characters without whitespace; the role trust policy quota is {TrustQuota:N0} ({TrustQuotaRaised:N0} after a quota increase)",
                    severity: n > TrustQuotaRaised ? Severity.Error : Severity.Warning);
            }
            else if (doc.Kind == DocumentKind.Permission && n > InlineRoleQuota)
            {
                context.Report(doc, doc.RootSpan,
                    $"the policy has {n:N0} characters without whitespace; managed policies may have {ManagedQuota:N0} and all inline policies of a role together {InlineRoleQuota:N0}");
            }
            else if (doc.Kind == DocumentKind.Permission && n > ManagedQuota)
            {
                context.Report(doc, doc.RootSpan,
                    $"the policy has {n:N0} characters without whitespace; too large for a managed policy ({ManagedQuota:N0}), it fits only inline ({InlineRoleQuota:N0} for all inline policies of the role)",
                    severity: Severity.Warning);
            }
        }
    }
}

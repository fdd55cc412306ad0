using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC1055: a Federated principal that is neither a SAML or OIDC provider ARN nor an identity provider's domain (AA INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY).</summary>
public sealed class FederatedPrincipalFormatRule : PolicyRule
{
    public override string Id => "PC1055";

    private static readonly Regex ProviderArn = new Regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(saml-provider/[A-Za-z0-9_+=,.@-]+|oidc-provider/[a-z0-9.-]+(/[^\\s]*)?)$", RegexOptions.CultureInvariant);
    private static readonly Regex Domain = new Regex("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant);

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                var p = s.Principals;
                if (p == null) continue;
                foreach (var e in p.Entries)
                {
                    string v = e.Value.Value;
                    if (e.Type != "Federated" || Wildcard.HasWildcard(v) || ProviderArn.IsMatch(v) || Domain.IsMatch(v)) continue; // wildcards: PC1049
                    context.Report(doc, e.Value.Span,
                        $"\"{v}\" is not a federated principal: write an identity provider's ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST or …:saml-provider/NAME) or a web identity domain such as accounts.google.com");
                }
            }
        }
    }
}

using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1055: what FederatedPrincipalFormatRule must flag and what it must leave alone.</summary>
public sealed class FederatedPrincipalFormatRuleTests
{
    [Theory]
    [InlineData("github actions")]
    [InlineData("arn:aws:iam::111122223333:role/app")]
    [InlineData("arn:aws:iam::1111:oidc-provider/token.actions.githubusercontent.com")]
    public void Flags_ValuesNoProviderHas(string value)
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": {|PC1055:"@v@"|}}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """.Replace("@v@", value, System.StringComparison.Ordinal));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com")]
    [InlineData("arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123")]
    [InlineData("arn:aws:iam::111122223333:saml-provider/Okta")]
    [InlineData("cognito-identity.amazonaws.com")]
    [InlineData("accounts.google.com")]
    public void Accepts_ProviderArns_AndDomains(string value)
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "@v@"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """.Replace("@v@", value, System.StringComparison.Ordinal), null, "PC1055");
}

using System.Collections.Generic;
using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1052: what OidcTrustConditionRule must flag and what it must leave alone.</summary>
public sealed class OidcTrustConditionRuleTests
{
    private const string GitHub = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    private static List<Engine.Diagnostic> Trust(string federated, string condition)
    {
        string statement = "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"" + federated + "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\""
            + (condition.Length > 0 ? ", \"Condition\": " + condition : string.Empty) + "}";
        return Lint.Role(Lint.Config(null), ("trust.json", "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}")).Only("PC1052");
    }

    [Fact]
    public void Flags_AProviderWithNoConditionOnItsKeys_AtThePrincipal()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": {|PC1052:"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123"|}}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"aws:PrincipalTag/x": "y"}}}]}
            """);

    [Fact]
    public void Flags_GitHub_WithOnlyTheAudience()
    {
        var d = Assert.Single(Trust(GitHub, """{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}"""));
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("does not test token.actions.githubusercontent.com:sub", d.Message);
    }

    [Fact]
    public void Flags_AWildcardInGitHubsSub_AtTheValue()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": {|PC1052:"repo:acme/*"|}}}}]}
            """);

    [Fact]
    public void Flags_ANegatedSub_AsNoRestriction()
        => Assert.Single(Trust(GitHub, """{"StringNotEquals": {"token.actions.githubusercontent.com:sub": "repo:evil/x:ref:refs/heads/main"}}"""));

    [Fact]
    public void Notes_GooglesAudKey()
    {
        var d = Assert.Single(Trust("accounts.google.com", """{"StringEquals": {"accounts.google.com:aud": "1234.apps.googleusercontent.com"}}"""));
        Assert.Equal(Severity.Note, d.Severity);
        Assert.Contains("azp", d.Message);
    }

    [Theory]
    [InlineData(GitHub, """{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/gateway:ref:refs/heads/main"}}""")]
    [InlineData("arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123", """{"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:gw:portkey"}}""")]
    [InlineData("accounts.google.com", """{"StringEquals": {"accounts.google.com:oaud": "1234.apps.googleusercontent.com"}}""")]
    [InlineData("arn:aws:iam::111122223333:saml-provider/Okta", "")]
    public void Accepts_PinnedTokens_AndSaml(string federated, string condition)
        => Assert.Empty(Trust(federated, condition));
}

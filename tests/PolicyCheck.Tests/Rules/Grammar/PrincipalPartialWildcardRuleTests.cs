using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1049: what PrincipalPartialWildcardRule must flag and what it must leave alone.</summary>
public sealed class PrincipalPartialWildcardRuleTests
{
    [Fact]
    public void Flags_PartialAwsWildcards_AndAnyServiceOrFederatedWildcard()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [{|PC1049:"arn:aws:iam::111122223333:role/*"|}, "arn:aws:iam::111122223333:role/app"], "Service": {|PC1049:"*"|}, "Federated": {|PC1049:"arn:aws:iam::111122223333:oidc-provider/*"|}}, "Action": "sts:AssumeRole"}]}
            """);
        Assert.Contains("ArnLike", found[0].Fix);
    }

    [Theory]
    [InlineData("""{"AWS": "*"}""")]
    [InlineData("\"*\"")]
    [InlineData("""{"Service": "ecs-tasks.amazonaws.com"}""")]
    public void Accepts_TheWholeStar_AndNamedPrincipals(string principal)
        => Assert.Empty(Lint.Role(Lint.Config(null), ("trust.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": """ + principal + """, "Action": "sts:AssumeRole"}]}""")).Only("PC1049"));
}

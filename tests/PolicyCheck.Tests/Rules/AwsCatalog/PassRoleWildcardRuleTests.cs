using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1030: what PassRoleWildcardRule must flag and what it must leave alone.</summary>
public sealed class PassRoleWildcardRuleTests
{
    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"iam:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}""")]
    public void Flags_PassRoleOnEverything(string statement)
        => Assert.Single(Lint.Json(Lint.Permission(statement)).Only("PC1030"));

    [Fact]
    public void Accepts_NamedRoles()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")).Only("PC1030"));
}

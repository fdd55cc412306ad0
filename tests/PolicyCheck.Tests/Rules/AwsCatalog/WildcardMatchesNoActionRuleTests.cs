using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1023: what WildcardMatchesNoActionRule must flag and what it must leave alone.</summary>
public sealed class WildcardMatchesNothingRuleTests
{
    [Fact]
    public void Flags_EmptyWildcard()
        => Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:Gett*","Resource":"*"}""")).Only("PC1023"));

    [Fact]
    public void Accepts_MatchingWildcards()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:Get*","s3:*","ec2:Describe?nstances"],"Resource":"*"}""")).Only("PC1023"));
}

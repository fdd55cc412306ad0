using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1029: what AllowWithNotActionRule must flag and what it must leave alone.</summary>
public sealed class AllowNotActionRuleTests
{
    [Fact]
    public void Flags_AllowNotAction_AndNotResource()
        => Assert.Equal(2, Lint.Json(Lint.Permission("""{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}""")).Only("PC1029").Count);

    [Fact]
    public void Accepts_DenyNotAction()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Deny","NotAction":"iam:*","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")).Only("PC1029"));
}

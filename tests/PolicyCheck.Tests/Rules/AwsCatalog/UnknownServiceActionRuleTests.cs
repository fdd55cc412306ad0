using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1022: what UnknownServiceActionRule must flag and what it must leave alone.</summary>
public sealed class UnknownServiceActionRuleTests
{
    [Fact]
    public void Flags_Typo_WithNearest_AsAWarning()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:GetObjects","dynamodb:GetItem"],"Resource":"*"}""")).Only("PC1022"));
        Assert.Contains("\"s3:GetObject\"", d.Message);
        Assert.Equal(PolicyCheck.Facts.Severity.Warning, d.Severity);
        Assert.Contains("newer than the catalogue", d.Message);
    }

    [Fact]
    public void Accepts_KnownActions_AnyCase_AndWildcards()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:getobject","iam:PassRole","ec2:Describe*","bedrock:InvokeModel"],"Resource":"*"}""")).Only("PC1022"));
}

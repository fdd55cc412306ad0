using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1021: what UnknownServiceRule must flag and what it must leave alone.</summary>
public sealed class UnknownServiceRuleTests
{
    [Fact]
    public void Flags_UnknownPrefix_WithNearestAndDate()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s4:GetObject","Resource":"*"}""")).Only("PC1021"));
        Assert.Contains("did you mean \"s3\"", d.Message);
        Assert.Contains("2026-09-26", d.Message);
    }

    [Fact]
    public void Accepts_RealServices_AndLeavesClaudeMisnamesToPC2001()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:GetObject","sts:AssumeRole","bedrock:InvokeModel","anthropic:CreateInference","aws-external-anthropic:CreateInference","*"],"Resource":"*"}""")).Only("PC1021"));

    [Fact]
    public void LeavesWildcardPrefixes_ToPC1046()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s*:GetObject","*:List*"],"Resource":"*"}""")).Only("PC1021"));
}

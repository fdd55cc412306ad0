using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1015: what ResourceElementRule must flag and what it must leave alone.</summary>
public sealed class ResourceElementRuleTests
{
    [Fact]
    public void Flags_NoResource()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ]\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1015");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Resource\"") || (d.Fix ?? string.Empty).Contains("no \"Resource\""));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Both()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\",\n      \"NotResource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1015");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("both") || (d.Fix ?? string.Empty).Contains("both"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_WithResource()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1015"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1009: what ActionElementRule must flag and what it must leave alone.</summary>
public sealed class ActionElementRuleTests
{
    [Fact]
    public void Flags_Both()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\",\n      \"NotAction\": \"s3:*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("both") || (d.Fix ?? string.Empty).Contains("both"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Neither()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("neither") || (d.Fix ?? string.Empty).Contains("neither"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_ActionOnly()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1009"));
    }
}

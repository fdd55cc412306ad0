using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2001: what WrongNamespaceRule must flag and what it must leave alone.</summary>
public sealed class WrongNamespaceRuleTests
{
    [Fact]
    public void Flags_BedrockInvokeModel()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"bedrock:InvokeModel\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("aws-external-anthropic:CreateInference") || (d.Fix ?? string.Empty).Contains("aws-external-anthropic:CreateInference"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_AnthropicPrefix()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not anthropic") || (d.Fix ?? string.Empty).Contains("not anthropic"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_BedrockBesideClaude()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\",\n        \"bedrock:InvokeModel\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2001"));
    }

    [Fact]
    public void Accepts_OtherService()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"Logs\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"logs:PutLogEvents\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2001"));
    }

    [Theory]
    [InlineData("bedrock:CreateInference", "aws-external-anthropic:CreateInference")]
    [InlineData("bedrock:InvokeModel", "aws-external-anthropic:CreateInference")] // a listed rename
    [InlineData("bedrock:CreateInferenc", null)] // a nearest-name guess is not fixed without asking
    [InlineData("bedrock:Create*", null)] // nor a wildcard
    public void Edit_OnlyForExactNames(string action, string? fixedTo)
    {
        var found = Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"}"), null).Only("PC2001");
        var d = Assert.Single(found);
        Assert.Equal(fixedTo, d.Edit?.New);
        if (fixedTo != null) Assert.Equal(action, d.Edit!.Old);
    }
}

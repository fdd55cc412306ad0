using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2008: what BroadGrantRule must flag and what it must leave alone.</summary>
public sealed class BroadGrantRuleTests
{
    [Fact]
    public void Flags_ServiceWildcard()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"aws-external-anthropic:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("all 76") || (d.Fix ?? string.Empty).Contains("all 76"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Star()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("every action") || (d.Fix ?? string.Empty).Contains("every action"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_NotAction()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"X\",\n      \"Effect\": \"Allow\",\n      \"NotAction\": \"iam:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("NotAction") || (d.Fix ?? string.Empty).Contains("NotAction"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Listed()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2008"));
    }
}

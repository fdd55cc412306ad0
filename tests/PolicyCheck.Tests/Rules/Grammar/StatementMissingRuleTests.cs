using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1007: what StatementMissingRule must flag and what it must leave alone.</summary>
public sealed class StatementMissingRuleTests
{
    [Fact]
    public void Flags_EmptyArray()
    {
        const string policy = """{"Version": "2012-10-17", "Statement": []}""";
        var found = Lint.Json(policy, null).Only("PC1007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("empty") || (d.Fix ?? string.Empty).Contains("empty"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_NoStatement()
    {
        const string policy = """{"Version": "2012-10-17"}""";
        var found = Lint.Json(policy, null).Only("PC1007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Statement\"") || (d.Fix ?? string.Empty).Contains("no \"Statement\""));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_OneStatement()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1007"));
    }
}

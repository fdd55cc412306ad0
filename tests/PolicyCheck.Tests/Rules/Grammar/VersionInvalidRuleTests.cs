using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1006: what VersionInvalidRule must flag and what it must leave alone.</summary>
public sealed class VersionInvalidRuleTests
{
    [Fact]
    public void Flags_DateOfToday()
    {
        const string policy = "{\n  \"Version\": \"2024-01-01\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not a policy language version") || (d.Fix ?? string.Empty).Contains("not a policy language version"));
        Assert.Equal(2, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Current()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1006"));
    }
}

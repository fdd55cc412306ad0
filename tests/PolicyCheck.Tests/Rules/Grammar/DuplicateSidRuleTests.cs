using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1010: what DuplicateSidRule must flag and what it must leave alone.</summary>
public sealed class DuplicateSidRuleTests
{
    [Fact]
    public void Flags_SameSid()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"aws-external-anthropic:ListModels\",\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1010");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("already used") || (d.Fix ?? string.Empty).Contains("already used"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_DistinctSids()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"Tokens\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"aws-external-anthropic:CountTokens\",\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1010"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2006: what AccountScopedActionResourceRule must flag and what it must leave alone.</summary>
public sealed class AccountScopedActionRuleTests
{
    [Fact]
    public void Flags_BearerOnWorkspace()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\",\n        \"aws-external-anthropic:CallWithBearerToken\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("never granted") || (d.Fix ?? string.Empty).Contains("never granted"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_BearerOnStar()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"Bearer\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"aws-external-anthropic:CallWithBearerToken\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2006"));
    }
}

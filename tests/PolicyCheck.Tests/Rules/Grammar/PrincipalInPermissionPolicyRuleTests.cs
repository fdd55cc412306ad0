using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1013: what PrincipalInPermissionPolicyRule must flag and what it must leave alone.</summary>
public sealed class PrincipalInPermissionPolicyRuleTests
{
    [Fact]
    public void Flags_PrincipalWithClaudeActions()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC1013");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("do not name principals") || (d.Fix ?? string.Empty).Contains("do not name principals"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_NoPrincipal()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC1013"));
    }
}

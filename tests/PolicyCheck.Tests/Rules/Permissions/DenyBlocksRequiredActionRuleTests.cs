using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2007: what DenyBlocksRequiredActionRule must flag and what it must leave alone.</summary>
public sealed class DenyBlocksRequiredActionRuleTests
{
    [Fact]
    public void Flags_DenyCreateStar()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"NoCreate\",\n      \"Effect\": \"Deny\",\n      \"Action\": \"aws-external-anthropic:Create*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("CreateInference") || (d.Fix ?? string.Empty).Contains("CreateInference"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_DenyWorkspaceAdmin()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"NoAdmin\",\n      \"Effect\": \"Deny\",\n      \"Action\": \"aws-external-anthropic:CreateWorkspace\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2007"));
    }

    [Fact]
    public void Accepts_ConditionalDeny()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    },\n    {\n      \"Sid\": \"TlsOnly\",\n      \"Effect\": \"Deny\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\",\n      \"Condition\": {\n        \"Bool\": {\n          \"aws:SecureTransport\": \"false\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2007"));
    }

    private const string RegionFence = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"], \"Resource\": \"*\"},\n{\"Sid\": \"RegionFence\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": \"us-west-2\"}}}]}";

    [Fact]
    public void Flags_ConditionalDenyThatHoldsForTheGateway()
    {
        var d = Assert.Single(Lint.Json(RegionFence, "gateway:\n  region: us-east-1\n").Only("PC2007"));
        Assert.Contains("RegionFence", d.Message);
        Assert.Contains("condition holds", d.Message);
        Assert.Equal(2, d.Span.Line);
        Assert.Contains(d.Trace!, l => l.StartsWith("decision: explicitDeny"));
    }

    [Fact]
    public void Accepts_ConditionalDenyThatDoesNotHold()
        => Assert.Empty(Lint.Json(RegionFence, "gateway:\n  region: us-west-2\n").Only("PC2007"));
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2009: what ActionBeyondFeaturesRule must flag and what it must leave alone.</summary>
public sealed class ActionBeyondFeaturesRuleTests
{
    [Fact]
    public void Flags_DeleteFileWithoutFiles()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\",\n        \"aws-external-anthropic:DeleteFile\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("DeleteFile") || (d.Fix ?? string.Empty).Contains("DeleteFile"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_GetStar()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\",\n        \"aws-external-anthropic:Get*\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC2009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("also grants") || (d.Fix ?? string.Empty).Contains("also grants"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_FeatureActionsOnly()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC2009"));
    }

    [Fact]
    public void Accepts_OptionalBatchDelete()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Claude\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"aws-external-anthropic:CreateInference\",\n        \"aws-external-anthropic:CountTokens\",\n        \"aws-external-anthropic:CreateBatchInference\",\n        \"aws-external-anthropic:GetBatchInference\",\n        \"aws-external-anthropic:ListBatchInferences\",\n        \"aws-external-anthropic:CancelBatchInference\",\n        \"aws-external-anthropic:DeleteBatchInference\"\n      ],\n      \"Resource\": \"arn:aws:aws-external-anthropic:*:*:workspace/*\"\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, "gateway:\n  features: [inference, count_tokens, batches]\n").Only("PC2009"));
    }
}

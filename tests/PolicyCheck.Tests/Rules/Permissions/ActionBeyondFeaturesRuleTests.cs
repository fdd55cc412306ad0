using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2009: what ActionBeyondFeaturesRule must flag and what it must leave alone.</summary>
public sealed class ActionBeyondFeaturesRuleTests
{
    [Fact]
    public void Flags_DeleteFileWithoutFiles()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens",
                    "aws-external-anthropic:DeleteFile"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("DeleteFile") || (d.Fix ?? string.Empty).Contains("DeleteFile"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_GetStar()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens",
                    "aws-external-anthropic:Get*"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("also grants") || (d.Fix ?? string.Empty).Contains("also grants"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_FeatureActionsOnly()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2009"));
    }

    [Fact]
    public void Accepts_OptionalBatchDelete()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens",
                    "aws-external-anthropic:CreateBatchInference",
                    "aws-external-anthropic:GetBatchInference",
                    "aws-external-anthropic:ListBatchInferences",
                    "aws-external-anthropic:CancelBatchInference",
                    "aws-external-anthropic:DeleteBatchInference"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, "gateway:\n  features: [inference, count_tokens, batches]\n").Only("PC2009"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2003: what UnknownActionRule must flag and what it must leave alone.</summary>
public sealed class UnknownActionRuleTests
{
    [Fact]
    public void Flags_CreateMessageBatch()
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
                    "aws-external-anthropic:CreateMessageBatch"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2003");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("CreateBatchInference") || (d.Fix ?? string.Empty).Contains("CreateBatchInference"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_WildcardMatchesNothing()
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
                    "aws-external-anthropic:Invoke*"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2003");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("matches no") || (d.Fix ?? string.Empty).Contains("matches no"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_RealActions()
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
                    "aws-external-anthropic:ListModels"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2003"));
    }

    [Fact]
    public void Accepts_CaseInsensitive()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "AWS-External-Anthropic:createinference",
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2003"));
    }
}

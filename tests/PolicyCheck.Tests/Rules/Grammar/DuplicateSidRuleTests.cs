using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1010: what DuplicateSidRule must flag and what it must leave alone.</summary>
public sealed class DuplicateSidRuleTests
{
    [Fact]
    public void Flags_SameSid()
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
                },
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:ListModels",
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1010");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("already used") || (d.Fix ?? string.Empty).Contains("already used"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_DistinctSids()
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
                },
                {
                  "Sid": "Tokens",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:CountTokens",
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC1010"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1009: what ActionElementRule must flag and what it must leave alone.</summary>
public sealed class ActionElementRuleTests
{
    [Fact]
    public void Flags_Both()
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
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*",
                  "NotAction": "s3:*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("both") || (d.Fix ?? string.Empty).Contains("both"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Neither()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("neither") || (d.Fix ?? string.Empty).Contains("neither"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_ActionOnly()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1009"));
    }
}

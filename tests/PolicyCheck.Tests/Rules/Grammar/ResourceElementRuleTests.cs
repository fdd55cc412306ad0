using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1015: what ResourceElementRule must flag and what it must leave alone.</summary>
public sealed class ResourceElementRuleTests
{
    [Fact]
    public void Flags_NoResource()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens"
                  ]
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1015");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Resource\"") || (d.Fix ?? string.Empty).Contains("no \"Resource\""));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

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
                  "NotResource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1015");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("both") || (d.Fix ?? string.Empty).Contains("both"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_WithResource()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1015"));
    }
}

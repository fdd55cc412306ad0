using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1005: what VersionMissingRule must flag and what it must leave alone.</summary>
public sealed class VersionMissingRuleTests
{
    [Fact]
    public void Flags_NoVersion()
    {
        const string policy = """
            {
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
        var found = Lint.Json(policy, null).Only("PC1005");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Version\"") || (d.Fix ?? string.Empty).Contains("no \"Version\""));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_WithVersion()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1005"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1008: what EffectInvalidRule must flag and what it must leave alone.</summary>
public sealed class EffectRuleTests
{
    [Fact]
    public void Flags_Lowercase()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("must be \"Allow\" or \"Deny\"") || (d.Fix ?? string.Empty).Contains("must be \"Allow\" or \"Deny\""));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Allow()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1008"));
    }
}

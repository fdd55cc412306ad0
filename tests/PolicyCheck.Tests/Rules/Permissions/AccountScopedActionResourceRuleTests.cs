using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2006: what AccountScopedActionResourceRule must flag and what it must leave alone.</summary>
public sealed class AccountScopedActionRuleTests
{
    [Fact]
    public void Flags_BearerOnWorkspace()
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
                    "aws-external-anthropic:CallWithBearerToken"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("never granted") || (d.Fix ?? string.Empty).Contains("never granted"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_BearerOnStar()
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
                  "Sid": "Bearer",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:CallWithBearerToken",
                  "Resource": "*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2006"));
    }
}

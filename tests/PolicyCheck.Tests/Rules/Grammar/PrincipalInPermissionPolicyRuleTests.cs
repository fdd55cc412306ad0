using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1013: what PrincipalInPermissionPolicyRule must flag and what it must leave alone.</summary>
public sealed class PrincipalInPermissionPolicyRuleTests
{
    [Fact]
    public void Flags_PrincipalWithClaudeActions()
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
                  "Principal": {
                    "AWS": "arn:aws:iam::299329113195:role/portkey-app"
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1013");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("do not name principals") || (d.Fix ?? string.Empty).Contains("do not name principals"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_NoPrincipal()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1013"));
    }
}

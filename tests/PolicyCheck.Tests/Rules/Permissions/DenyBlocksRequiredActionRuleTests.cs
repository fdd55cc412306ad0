using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2007: what DenyBlocksRequiredActionRule must flag and what it must leave alone.</summary>
public sealed class DenyBlocksRequiredActionRuleTests
{
    [Fact]
    public void Flags_DenyCreateStar()
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
                  "Sid": "NoCreate",
                  "Effect": "Deny",
                  "Action": "aws-external-anthropic:Create*",
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("CreateInference") || (d.Fix ?? string.Empty).Contains("CreateInference"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_DenyWorkspaceAdmin()
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
                  "Sid": "NoAdmin",
                  "Effect": "Deny",
                  "Action": "aws-external-anthropic:CreateWorkspace",
                  "Resource": "*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2007"));
    }

    [Fact]
    public void Accepts_ConditionalDeny()
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
                  "Sid": "TlsOnly",
                  "Effect": "Deny",
                  "Action": "*",
                  "Resource": "*",
                  "Condition": {
                    "Bool": {
                      "aws:SecureTransport": "false"
                    }
                  }
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2007"));
    }

    private const string RegionFence = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "*"},
        {"Sid": "RegionFence", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-west-2"}}}]}
        """;

    [Fact]
    public void Flags_ConditionalDenyThatHoldsForTheGateway()
    {
        var d = Assert.Single(Lint.Json(RegionFence, "gateway:\n  region: us-east-1\n").Only("PC2007"));
        Assert.Contains("RegionFence", d.Message);
        Assert.Contains("condition holds", d.Message);
        Assert.Equal(2, d.Span.Line);
        Assert.Contains(d.Trace!, l => l.StartsWith("decision: explicitDeny"));
    }

    [Fact]
    public void Accepts_ConditionalDenyThatDoesNotHold()
        => Assert.Empty(Lint.Json(RegionFence, "gateway:\n  region: us-west-2\n").Only("PC2007"));
}

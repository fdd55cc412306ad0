using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2005: what WorkspaceArnMismatchRule must flag and what it must leave alone.</summary>
public sealed class WorkspaceArnMismatchRuleTests
{
    [Fact]
    public void Flags_OtherRegion()
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
                  "Resource": "arn:aws:aws-external-anthropic:us-east-1:123456789012:workspace/wrkspc_01AbCdEf23GhIj"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, "gateway:\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n").Only("PC2005");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("us-west-2") || (d.Fix ?? string.Empty).Contains("us-west-2"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_OtherWorkspace()
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
                  "Resource": "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_Other"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, "gateway:\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n").Only("PC2005");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("wrkspc_01AbCdEf23GhIj") || (d.Fix ?? string.Empty).Contains("wrkspc_01AbCdEf23GhIj"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Exact()
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
                  "Resource": "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_01AbCdEf23GhIj"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, "gateway:\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n").Only("PC2005"));
    }

    [Fact]
    public void Accepts_WildcardsCover()
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
        Assert.Empty(Lint.Json(policy, "gateway:\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n").Only("PC2005"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2008: what BroadGrantRule must flag and what it must leave alone.</summary>
public sealed class BroadGrantRuleTests
{
    [Fact]
    public void Flags_ServiceWildcard()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:*",
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("all 76") || (d.Fix ?? string.Empty).Contains("all 76"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Star()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("every action") || (d.Fix ?? string.Empty).Contains("every action"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_NotAction()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "X",
                  "Effect": "Allow",
                  "NotAction": "iam:*",
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("NotAction") || (d.Fix ?? string.Empty).Contains("NotAction"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Listed()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC2008"));
    }
}

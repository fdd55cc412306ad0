using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1004: what UnknownElementRule must flag and what it must leave alone.</summary>
public sealed class UnknownElementRuleTests
{
    [Fact]
    public void Flags_LowercaseStatement()
    {
        const string policy = """
            {"Version": "2012-10-17",
             "statement": []}
            """;
        var found = Lint.Json(policy, null).Only("PC1004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("case-sensitive") || (d.Fix ?? string.Empty).Contains("case-sensitive"));
        Assert.Equal(2, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_ActionsPlural()
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
                  "Actions": "x"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not a statement element") || (d.Fix ?? string.Empty).Contains("not a statement element"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_KnownElements()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1004"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1007: what StatementMissingRule must flag and what it must leave alone.</summary>
public sealed class StatementMissingRuleTests
{
    [Fact]
    public void Flags_EmptyArray()
    {
        const string policy = """{"Version": "2012-10-17", "Statement": []}""";
        var found = Lint.Json(policy, null).Only("PC1007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("empty") || (d.Fix ?? string.Empty).Contains("empty"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_NoStatement()
    {
        const string policy = """{"Version": "2012-10-17"}""";
        var found = Lint.Json(policy, null).Only("PC1007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Statement\"") || (d.Fix ?? string.Empty).Contains("no \"Statement\""));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_OneStatement()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1007"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1001: what JsonSyntaxRule must flag and what it must leave alone.</summary>
public sealed class JsonSyntaxRuleTests
{
    [Fact]
    public void Flags_TruncatedFile()
    {
        const string policy = """{"Version": "2012-10-17", "Statement": [""";
        var found = Lint.Json(policy, null).Only("PC1001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("truncated") || (d.Fix ?? string.Empty).Contains("truncated"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_TrailingComma()
    {
        const string policy = """
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "aws-external-anthropic:CreateInference", "Resource": "*"},
            ]}
            """;
        var found = Lint.Json(policy, null).Only("PC1001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("trailing comma") || (d.Fix ?? string.Empty).Contains("trailing comma"));
        Assert.Equal(2, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Comment()
    {
        const string policy = """
            // my policy
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
        var found = Lint.Json(policy, null).Only("PC1001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("comments") || (d.Fix ?? string.Empty).Contains("comments"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_SingleQuotes()
    {
        const string policy = "{'Version': '2012-10-17'}";
        var found = Lint.Json(policy, null).Only("PC1001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("double quotes") || (d.Fix ?? string.Empty).Contains("double quotes"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_StrictJson()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1001"));
    }
}

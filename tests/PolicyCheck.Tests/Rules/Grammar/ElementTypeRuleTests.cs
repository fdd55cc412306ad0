using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1003: what ElementTypeRule must flag and what it must leave alone.</summary>
public sealed class ElementTypeRuleTests
{
    [Fact]
    public void Flags_NumberForAction()
    {
        const string policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 42, "Resource": "*"}]}""";
        var found = Lint.Json(policy, null).Only("PC1003");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("must be a string") || (d.Fix ?? string.Empty).Contains("must be a string"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_ArrayAtTop()
    {
        const string policy = """[{"Effect": "Allow"}]""";
        var found = Lint.Json(policy, null).Only("PC1003");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("must be a JSON object") || (d.Fix ?? string.Empty).Contains("must be a JSON object"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_NumberVersion()
    {
        const string policy = """{"Version": 2012, "Statement": []}""";
        var found = Lint.Json(policy, null).Only("PC1003");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("Version must be a string") || (d.Fix ?? string.Empty).Contains("Version must be a string"));
        Assert.Equal(1, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Strings()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1003"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2001: what WrongNamespaceRule must flag and what it must leave alone.</summary>
public sealed class WrongNamespaceRuleTests
{
    [Fact]
    public void Flags_BedrockInvokeModel_AtTheAction()
    {
        var found = Markup.AssertFindings("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    {|PC2001:"bedrock:InvokeModel"|},
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """);
        Assert.Equal("use \"aws-external-anthropic:CreateInference\"", Assert.Single(found).Fix);
    }

    [Fact]
    public void Flags_AnthropicPrefix_AtTheAction_AndTheRightNamespaceStaysQuiet()
    {
        var found = Markup.AssertFindings("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [{|PC2001:"anthropic:CreateInference"|}, "aws-external-anthropic:CountTokens"],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """);
        Assert.Contains("not anthropic", Assert.Single(found).Message);
    }

    [Fact]
    public void Flags_BedrockBesideClaude_AndPC1024StaysQuiet()
    {
        // Every wrong-namespace action in the gateway's role is an error, whatever else the role grants; PC1024 must not
        // suggest a Bedrock resource, which would widen access.
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
                    "bedrock:InvokeModel"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var all = Lint.Json(policy, null);
        var d = Assert.Single(all.Only("PC2001"));
        Assert.Equal(Facts.Severity.Error, d.Severity);
        Assert.Equal((10, 9), (d.Span.Line, d.Span.Column));
        Assert.Empty(all.Only("PC1024"));
    }

    [Fact]
    public void Accepts_OtherService()
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
                  "Sid": "Logs",
                  "Effect": "Allow",
                  "Action": "logs:PutLogEvents",
                  "Resource": "*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2001"));
    }

    [Theory]
    [InlineData("bedrock:CreateInference", "aws-external-anthropic:CreateInference")]
    [InlineData("bedrock:InvokeModel", "aws-external-anthropic:CreateInference")] // a listed rename
    [InlineData("bedrock:CreateInferenc", null)] // a nearest-name guess is not fixed without asking
    [InlineData("bedrock:Create*", null)] // nor a wildcard
    public void Edit_OnlyForExactNames(string action, string? fixedTo)
    {
        var found = Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"}"), null).Only("PC2001");
        var d = Assert.Single(found);
        Assert.Equal(fixedTo, d.Edit?.New);
        if (fixedTo != null) Assert.Equal(action, d.Edit!.Old);
    }
}

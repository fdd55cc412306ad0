using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2004: what WorkspaceArnFormatRule must flag and what it must leave alone.</summary>
public sealed class WorkspaceArnFormatRuleTests
{
    [Fact]
    public void Flags_WrongService()
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
                  "Resource": "arn:aws:bedrock:us-west-2:123456789012:workspace/wrkspc_01AbCdEf23GhIj"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("service \"bedrock\"") || (d.Fix ?? string.Empty).Contains("service \"bedrock\""));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_ShortAccount()
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
                  "Resource": "arn:aws:aws-external-anthropic:us-west-2:12345:workspace/wrkspc_01AbCdEf23GhIj"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("12-digit") || (d.Fix ?? string.Empty).Contains("12-digit"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_BadWorkspaceId()
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
                  "Resource": "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/01AbCd"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not a workspace ID") || (d.Fix ?? string.Empty).Contains("not a workspace ID"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_BareWorkspaceId()
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
                  "Resource": "wrkspc_01AbCdEf23GhIj"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2004");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("workspace ID") || (d.Fix ?? string.Empty).Contains("workspace ID"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Concrete()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC2004"));
    }

    [Fact]
    public void Accepts_Wildcards()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC2004"));
    }

    [Theory]
    [InlineData("arn:aws:bedrock:us-east-1:111122223333:workspace/wrkspc_01abc", "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc")]
    [InlineData("arn:aws:bedrock:us-east-1:${aws:PrincipalAccount}:workspace/wrkspc_01abc", null)] // a variable: left to the user
    [InlineData("wrkspc_01abc", null)] // an ID, not an ARN: region and account must come from somewhere
    public void Edit_OnlyWhenTheServiceIsTheOnlyThingWrong(string resource, string? fixedTo)
    {
        var found = Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": [\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"], \"Resource\": \"" + resource + "\"}"), null).Only("PC2004");
        var d = Assert.Single(found);
        Assert.Equal(fixedTo, d.Edit?.New);
    }
}

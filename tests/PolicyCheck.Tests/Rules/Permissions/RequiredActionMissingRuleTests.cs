using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2002: what RequiredActionMissingRule must flag and what it must leave alone.</summary>
public sealed class RequiredActionMissingRuleTests
{
    [Fact]
    public void Flags_NoCountTokens()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:CreateInference",
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("CountTokens") || (d.Fix ?? string.Empty).Contains("CountTokens"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_BatchesFeature()
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
        var found = Lint.Json(policy, "gateway:\n  features: [inference, count_tokens, batches]\n").Only("PC2002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("CreateBatchInference") || (d.Fix ?? string.Empty).Contains("CreateBatchInference"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_WrongResource()
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
                  "Resource": "arn:aws:s3:::bucket/*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC2002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("do not cover") || (d.Fix ?? string.Empty).Contains("do not cover"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_SeedInference()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC2002"));
    }

    [Fact]
    public void Accepts_Wildcard()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "aws-external-anthropic:C*",
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC2002"));
    }

    [Fact]
    public void Accepts_ManagedCovers()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": "logs:PutLogEvents",
                  "Resource": "*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, "gateway:\n  managedPolicies: [AnthropicInferenceAccess]\n").Only("PC2002"));
    }

    [Fact]
    public void Flags_AllowUnderAConditionTheGatewayCannotMeet()
    {
        const string policy = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Claude", "Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """;
        var found = Lint.Json(policy, null).Only("PC2002");
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Contains("aws:SecureTransport", d.Message));
        Assert.All(found, d => Assert.Equal(2, d.Span.Line));
    }

    [Fact]
    public void Names_ThePermissionsBoundary_WhenItIsWhatBlocks()
    {
        string grant = Lint.Permission("""{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "*"}""");
        string boundary = Lint.Permission("""{"Effect": "Allow", "Action": "aws-external-anthropic:CreateInference", "Resource": "*"}""");
        var role = new PolicyCheck.Engine.RoleGroup("role");
        role.Documents.Add(PolicyCheck.Model.PolicyReader.Read("permission.json", grant));
        role.Boundaries.Add(PolicyCheck.Model.PolicyReader.Read("boundary.json", boundary, PolicyCheck.Model.DocumentKind.Permission, "the-boundary"));
        var engine = PolicyCheck.Engine.LintEngine.CreateDefault(null);
        var found = engine.Lint(new[] { role }, new PolicyCheck.Config.GatewayConfig()).Only("PC2002");
        var d = Assert.Single(found);
        Assert.Equal("aws-external-anthropic:CountTokens (needed for feature count_tokens) is allowed by the role's policies but not by its permissions boundary the-boundary", d.Message);
        // Without the boundary the role's own policy is enough.
        var free = new PolicyCheck.Engine.RoleGroup("role");
        free.Documents.Add(role.Documents[0]);
        Assert.Empty(engine.Lint(new[] { free }, new PolicyCheck.Config.GatewayConfig()).Only("PC2002"));
    }
}

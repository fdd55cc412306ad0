using PolicyCheck.Json;
using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests.Config;

public sealed class ConfigTests
{
    private static (GatewayConfig Config, List<Problem> Errors) Load(string yaml, Dictionary<string, string>? env = null)
    {
        var errors = new List<Problem>();
        var config = ConfigReader.Load("policycheck.yml", yaml, BuiltIn.Service, BuiltIn.Catalog, k => env != null && env.TryGetValue(k, out var v) ? v : null, errors, System.IO.File.Exists);
        return (config, errors);
    }

    [Fact]
    public void The_Documented_Example_Loads()
    {
        const string yaml = "gateway:\n  deployment: hosted\n  principals:\n    - arn:aws:iam::299329113195:role/portkey-app\n  features: [inference, count_tokens]\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\nrules:\n  PC2009: warning\nsuppressions:\n  - rule: PC2009\n    path: \"legacy/**\"\n    justification: \"owned by the data team until Q3\"\n";
        var (config, errors) = Load(yaml);
        Assert.Empty(errors);
        Assert.Equal("us-west-2", config.Region!.Value);
        Assert.Equal("123456789012", config.Account!.Value);
        Assert.True(config.ExternalIdRequired);
        Assert.Equal(Severity.Warning, config.RuleSeverities["PC2009"]);
        Assert.Equal("legacy/**", Assert.Single(config.Suppressions).PathGlob);
    }

    [Fact]
    public void A_Typo_In_A_Key_Is_An_Error_With_Position_And_Suggestion()
    {
        var (_, errors) = Load("gateway:\n  feature: [inference]\n");
        var e = Assert.Single(errors);
        Assert.Equal((2, 3), (e.Span.Line, e.Span.Column));
        Assert.Contains("did you mean 'features'", e.Message);
    }

    [Theory]
    [InlineData("gateway:\n  features: [inference, chat]\n", "unknown feature 'chat'")]
    [InlineData("gateway:\n  region: us-west-99x\n", "not an AWS region")]
    [InlineData("gateway:\n  account: 12345\n", "12-digit")]
    [InlineData("gateway:\n  workspace: ws-123\n", "not a workspace ID")]
    [InlineData("gateway:\n  principals: [arn:aws:iam::299329113195:root]\n", "whole account")]
    [InlineData("gateway:\n  deployment: cloud\n", "'hosted' or 'self-hosted'")]
    [InlineData("gateway:\n  deployment: self-hosted\n", "needs gateway.principals")]
    [InlineData("gateway:\n  externalId:\n    required: yes\n", "true or false")]
    [InlineData("gateway: [1, 2]\n", "must be a mapping")]
    [InlineData("rules:\n  PC9999: error\n", "not a rule ID")]
    [InlineData("rules:\n  PC2009: loud\n", "not a severity")]
    [InlineData("suppressions:\n  - rule: PC2009\n", "needs a justification")]
    [InlineData("gateway:\n  managedPolicies: [AdministratorAccess]\n", "not an AWS managed policy")]
    [InlineData("gateway: {features: [inference]\n", "not valid YAML")]
    public void Invalid_Values_Are_Errors(string yaml, string expected)
    {
        var (_, errors) = Load(yaml);
        Assert.Contains(errors, e => e.Message.Contains(expected));
        Assert.All(errors, e => Assert.True(e.Span.Line >= 1));
    }

    [Theory]
    [InlineData("gateway:\n  context: [aws:SourceIp]\n", "must be a mapping", 2, 12)]
    [InlineData("gateway:\n  context:\n    aws:SourceIp: not-an-ip\n", "is not an IP address", 3, 19)]
    [InlineData("gateway:\n  context:\n    aws:SourceIp: [203.0.113.1, 203.0.113.2]\n", "takes one value", 3, 19)]
    [InlineData("gateway:\n  context:\n    aws:TokenIssueTime: yesterday\n", "ISO 8601", 3, 25)]
    [InlineData("gateway:\n  context:\n    aws:MultiFactorAuthPresent: \"true\"\n", "does not send aws:MultiFactorAuthPresent", 3, 5)]
    [InlineData("gateway:\n  context:\n    aws:SourceVpc: vpc-1\n", "does not send aws:SourceVpc", 3, 5)]
    [InlineData("gateway:\n  context:\n    aws:NoSuchKey: x\n", "does not send aws:NoSuchKey", 3, 5)]
    [InlineData("gateway:\n  context:\n    aws:SecureTransport: \"false\"\n", "known from the setup", 3, 26)]
    [InlineData("gateway:\n  context:\n    aws:PrincipalTag/team: {a: b}\n", "a value or a list of values", 3, 28)]
    [InlineData("gateway:\n  context:\n    sts:ExternalId: abc\n", "known from the setup", 3, 21)]
    public void Context_BadKeysAndValues_AreErrorsWithTheirPosition(string yaml, string expected, int line, int column)
    {
        var (_, errors) = Load(yaml);
        var e = Assert.Single(errors);
        Assert.Contains(expected, e.Message);
        Assert.Equal((line, column), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void Context_TypedValues_AndTagFamilies()
    {
        var (config, errors) = Load("gateway:\n  context:\n    aws:SourceIp: 203.0.113.10\n    aws:PrincipalTag/team: ml\n    aws:PrincipalOrgPaths: [o-a/r-b/ou-c/, o-a/r-b/ou-d/]\n");
        Assert.Empty(errors);
        Assert.Equal(3, config.Context.Count);
        Assert.Equal(PolicyCheck.Evaluation.ContextType.Ip, config.Context[0].Type);
        Assert.Equal(2, config.Context[2].Values.Count);
        // Self-hosted gateways may call through a VPC endpoint: the key is theirs to give.
        var (self, selfErrors) = Load("gateway:\n  deployment: self-hosted\n  principals: [arn:aws:iam::111122223333:role/gw]\n  context:\n    aws:SourceVpc: vpc-1\n");
        Assert.Empty(selfErrors);
        Assert.Single(self.Context);
    }

    [Fact]
    public void External_Id_From_The_Environment()
    {
        var (config, errors) = Load("gateway:\n  externalId:\n    env: PORTKEY_EXTERNAL_ID\n", new Dictionary<string, string> { ["PORTKEY_EXTERNAL_ID"] = "abcdefgh-1234" });
        Assert.Empty(errors);
        Assert.Equal("abcdefgh-1234", config.ExternalIdValue!.Value);
        Assert.Equal("environment variable PORTKEY_EXTERNAL_ID", config.ExternalIdSource);
        var (_, missing) = Load("gateway:\n  externalId:\n    env: PORTKEY_EXTERNAL_ID\n");
        Assert.Contains("is not set", Assert.Single(missing).Message);
    }

    [Fact]
    public void Severity_Override_And_Off_Apply()
    {
        string policy = Lint.Permission("""{"Effect": "Allow", "Action": "aws-external-anthropic:*", "Resource": "*"}""");
        Assert.Equal(Severity.Error, Lint.Json(policy, "rules:\n  PC2008: error\n").Only("PC2008").Single().Severity);
        Assert.Empty(Lint.Json(policy, "rules:\n  PC2008: off\n").Only("PC2008"));
    }

    [Fact]
    public void Suppressions_Need_A_Matching_Path_And_May_Expire()
    {
        string policy = Lint.Permission("""{"Effect": "Allow", "Action": "aws-external-anthropic:*", "Resource": "*"}""");
        var hit = Lint.Json(policy, "suppressions:\n  - rule: PC2008\n    path: \"*.json\"\n    justification: \"legacy\"\n").Only("PC2008").Single();
        Assert.Equal("legacy", hit.SuppressedBecause);
        var miss = Lint.Json(policy, "suppressions:\n  - rule: PC2008\n    path: \"other/**\"\n    justification: \"legacy\"\n").Only("PC2008").Single();
        Assert.False(miss.IsSuppressed);
        var expired = Lint.Json(policy, "suppressions:\n  - rule: PC2008\n    justification: \"legacy\"\n    expires: 2020-01-01\n").Only("PC2008").Single();
        Assert.False(expired.IsSuppressed);
    }

    [Fact]
    public void Config_Typo_Makes_Lint_Exit_2_With_Position()
    {
        using var dir = new TempDir();
        dir.Write("policycheck.yml", "gateway:\n  regoin: us-west-2\n");
        dir.Write("p.json", Lint.Permission("""{"Effect": "Allow", "Action": """ + Lint.InferenceActions + """, "Resource": "*"}"""));
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "." }, cwd: dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("policycheck.yml(2,3): error PC4001: unknown key 'regoin' in gateway; did you mean 'region'?", output);
    }

    [Fact]
    public void Configured_External_Id_From_Env_Is_Never_Printed()
    {
        const string secret = "tenant-secret-7f3a9c2b5e";
        using var dir = new TempDir();
        dir.Write("policycheck.yml", "gateway:\n  externalId:\n    required: true\n    env: PORTKEY_EXTERNAL_ID\n");
        dir.Write("trust.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "wrong-value-1234"}}}]}""");
        foreach (var format in new[] { "text", "json", "sarif", "github", "junit" })
        {
            var (exit, output, err) = CliRunner.Run(new[] { "lint", ".", "--format", format }, k => k == "PORTKEY_EXTERNAL_ID" ? secret : null, dir.Path);
            Assert.Equal(1, exit);
            Assert.Contains("PC3008", output);
            Assert.DoesNotContain(secret, output + err);
        }
    }
}

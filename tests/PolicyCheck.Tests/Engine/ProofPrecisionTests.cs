using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.ProofRules;

/// <summary>
/// The proofs are never confidently wrong: ordinary variants of the seed's setup, each both ways (the safe variant stays
/// clean, the broken one still fails at the right line), in text, JSON and SARIF.
/// </summary>
public sealed class ProofPrecisionTests
{
    private const string ExternalId = "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23";
    private const string Ws = "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_01AbCdEf23GhIj";

    private const string Config = """
        gateway:
          deployment: hosted
          features: [inference, count_tokens]
          region: us-west-2
          account: "123456789012"
          workspace: wrkspc_01AbCdEf23GhIj
          externalId:
            required: true
            value: "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"
        """;

    private static readonly string Permission = $$$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"],
              "Resource": "{{{Ws}}}"
            }
          ]
        }
        """;

    private static readonly string GoodTrust = $$$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"},
              "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"sts:ExternalId": "{{{ExternalId}}}"}}
            }
          ]
        }
        """;

    private static string RootTrust(string narrowing) => $$$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::299329113195:root"},
              "Action": "sts:AssumeRole",
              "Condition": {
                {{{narrowing}}}
                "StringEquals": {"sts:ExternalId": "{{{ExternalId}}}"}
              }
            }
          ]
        }
        """;

    private static string ConditionedPermission(string condition) => $$$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"],
              "Resource": "{{{Ws}}}",
              "Condition": {{{condition}}}
            }
          ]
        }
        """;

    private static System.Collections.Generic.List<Engine.Diagnostic> Run(string? config, string permission, string trust)
        => Lint.Role(Lint.Config(config), ("permission.json", permission), ("trust.json", trust));

    // 1. An account principal narrowed to Portkey's role by aws:PrincipalArn admits Portkey, and nobody else.
    [Theory]
    [InlineData("\"ArnEquals\": {\"aws:PrincipalArn\": \"arn:aws:iam::299329113195:role/portkey-app\"},")]
    [InlineData("\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::299329113195:role/portkey-app\"},")]
    [InlineData("\"StringEquals\": {\"aws:PrincipalArn\": \"arn:aws:iam::299329113195:role/portkey-app\"},")]
    public void RootNarrowedByPrincipalArn_IsClean_WithAndWithoutConfig(string narrowing)
    {
        Assert.DoesNotContain(Run(Config, Permission, RootTrust(narrowing)), d => d.RuleId.StartsWith("PC3", System.StringComparison.Ordinal));
        var noConfig = Run(null, Permission, RootTrust(narrowing));
        Assert.DoesNotContain(noConfig, d => d.RuleId is "PC3001" or "PC3002" or "PC3011" or "PC3012");
    }

    [Fact]
    public void RootNarrowedByAWildcard_IsStillAWholeAccount_AndTheProofShowsWhoGetsIn()
    {
        var found = Run(Config, Permission, RootTrust("\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::299329113195:role/*\"},"));
        var broad = Assert.Single(found, d => d.RuleId == "PC3002");
        Assert.Equal(Severity.Error, broad.Severity);
        Assert.Equal(6, broad.Span.Line);
        Assert.DoesNotContain(found, d => d.RuleId == "PC3001");
    }

    // 2. A bare account ID: PC3002 is right, PC3001 is not ("every request will fail" is false).
    [Fact]
    public void AccountIdPrincipal_IsPC3002_NotPC3001()
    {
        var found = Run(Config, Permission, RootTrust(string.Empty).Replace("arn:aws:iam::299329113195:root", "299329113195"));
        Assert.Single(found, d => d.RuleId == "PC3002");
        Assert.DoesNotContain(found, d => d.RuleId == "PC3001");
    }

    [Fact]
    public void TrustNamingSomeoneElse_IsStillPC3001()
    {
        var found = Run(Config, Permission, GoodTrust.Replace("arn:aws:iam::299329113195:role/portkey-app", "arn:aws:iam::444455556666:role/other-gateway"));
        var missing = Assert.Single(found, d => d.RuleId == "PC3001");
        Assert.Equal(Severity.Error, missing.Severity);
    }

    // 3. Conditions on keys the gateway's request carries with values unknown offline: "depends on", a warning.
    [Theory]
    [InlineData("""{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}""", "aws:SourceIp")]
    [InlineData("""{"StringEquals": {"aws:ResourceTag/team": "ml"}}""", "aws:ResourceTag/team")]
    [InlineData("""{"StringEquals": {"aws:PrincipalTag/team": "ml"}}""", "aws:PrincipalTag/team")]
    public void ConditionOnAnUnknownValue_IsAWarningNamingTheKey(string condition, string key)
    {
        // One warning for the statement, naming both actions and the key.
        var d = Assert.Single(Run(Config, ConditionedPermission(condition), GoodTrust), d => d.RuleId == "PC2002");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("CreateInference, aws-external-anthropic:CountTokens (needed for features inference, count_tokens) are allowed", d.Message);
        Assert.Contains("depending on " + key, d.Message);
        Assert.Contains("gateway.context", d.Fix);
        Assert.Equal(8, d.Span.Line);
        Assert.Contains(d.Trace!, l => l.Contains("depends on: " + key));
    }

    [Fact]
    public void ConditionOnAnAbsentKey_IsStillAnError()
    {
        var found = Run(Config, ConditionedPermission("""{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"""), GoodTrust).Where(d => d.RuleId == "PC2002").ToList();
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void GatewayContext_SettlesTheProof_BothWays()
    {
        string condition = """{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}""";
        var inside = Run(Config + "\n  context:\n    aws:SourceIp: 203.0.113.10\n", ConditionedPermission(condition), GoodTrust);
        Assert.DoesNotContain(inside, d => d.RuleId == "PC2002");
        var outside = Run(Config + "\n  context:\n    aws:SourceIp: 198.51.100.1\n", ConditionedPermission(condition), GoodTrust).Where(d => d.RuleId == "PC2002").ToList();
        Assert.Equal(2, outside.Count);
        Assert.All(outside, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void ConfiguredSeverity_DoesNotRaiseADependsFindingAboveWarning()
    {
        var found = Run(Config + "\nrules:\n  PC2002: error\n", ConditionedPermission("""{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"""), GoodTrust);
        Assert.All(found.Where(d => d.RuleId == "PC2002"), d => Assert.Equal(Severity.Warning, d.Severity));
    }

    [Fact]
    public void TrustOpenToAnyoneFromAnIpRange_IsAWarning_NotAnError()
    {
        // "*" narrowed by aws:SourceIp: who gets in depends on the caller's address.
        string trust = GoodTrust.Replace("""{"AWS": "arn:aws:iam::299329113195:role/portkey-app"}""", """{"AWS": "arn:aws:iam::299329113195:role/portkey-app"}""")
            .Replace("\"Condition\": {\"StringEquals\"", "\"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}, \"StringEquals\"");
        var found = Run(Config, Permission, trust);
        var depends = Assert.Single(found, d => d.RuleId == "PC3011");
        Assert.Equal(Severity.Warning, depends.Severity);
        Assert.Contains("depends on aws:SourceIp", depends.Message);
    }

    // 4. A variable before the fifth colon is literal: the statement grants nothing.
    [Fact]
    public void VariableInTheRegionSegment_IsFlaggedAndGrantsNothing()
    {
        string permission = Permission.Replace(":us-west-2:", ":${aws:RequestedRegion}:");
        var found = Run(Config, permission, GoodTrust);
        var pc1033 = Assert.Single(found, d => d.RuleId == "PC1033");
        Assert.Equal(Severity.Error, pc1033.Severity);
        Assert.Contains("arn:aws:aws-external-anthropic:*:123456789012", pc1033.Fix);
        Assert.Contains("aws:RequestedRegion", pc1033.Fix);
        Assert.Equal(2, found.Count(d => d.RuleId == "PC2002" && d.Severity == Severity.Error));
        // The variable in the resource part is fine.
        Assert.DoesNotContain(Run(Config, Permission.Replace("wrkspc_01AbCdEf23GhIj\"", "${aws:PrincipalTag/ws}\""), GoodTrust), d => d.RuleId == "PC1033");
    }

    [Fact]
    public void NotResourceVariableWithoutAValue_IsAWarning_WithADefaultItIsNot()
    {
        string deny(string v) => Permission.Replace("\n  ]", """
            ,
                {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::home/
            """ + v + "/*\"}\n  ]");
        var warn = Assert.Single(Run(Config, deny("${aws:username}"), GoodTrust), d => d.RuleId == "PC1033");
        Assert.Equal(Severity.Warning, warn.Severity);
        Assert.DoesNotContain(Run(Config, deny("${aws:username, 'none'}"), GoodTrust), d => d.RuleId == "PC1033");
    }

    // 6. A wrong-namespace action beside a correct one is an error (WrongNamespaceRuleTests has the exact span).
    // 7. Noise: the seed's full-access policy gets one PC2009 note, not one per action.
    [Fact]
    public void FullAccessSeed_OnePC2009NoteForTheStatement()
    {
        string full = File.ReadAllText(Path.Combine(Lint.Repo, "examples", "seed", "full-access", "permission.json"));
        var notes = Lint.Role(Lint.Config(null), ("permission.json", full)).Where(d => d.RuleId == "PC2009").ToList();
        var note = Assert.Single(notes);
        Assert.Contains("CreateBatchInference", note.Message);
        Assert.Contains("DeleteFile", note.Message);
    }

    [Fact]
    public void DependsFinding_InJsonAndSarif_WithTheTraceKey()
    {
        using var dir = new TempDir();
        dir.Write("policycheck.yml", Config);
        dir.Write("role/permission.json", ConditionedPermission("""{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"""));
        dir.Write("role/trust.json", GoodTrust);
        var (exit, json, _) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "role"), "--format", "json", "--verbose" });
        Assert.Equal(0, exit);
        var d = JsonDocument.Parse(json).RootElement.GetProperty("diagnostics").EnumerateArray().First(x => x.GetProperty("ruleId").GetString() == "PC2002");
        Assert.Equal("warning", d.GetProperty("severity").GetString());
        Assert.Contains(d.GetProperty("trace").EnumerateArray(), l => l.GetString()!.Contains("depends on: aws:SourceIp"));
        var (_, sarif, _) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "role"), "--format", "sarif" });
        var result = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(x => x.GetProperty("ruleId").GetString() == "PC2002");
        Assert.Equal("warning", result.GetProperty("level").GetString());
        var (_, text, _) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "role"), "--context", "aws:SourceIp=198.51.100.1" });
        Assert.Contains("error PC2002", text);
    }
}

/// <summary>PC2007 and PC3012 with values unknown offline: "may" is a warning, "surely" stays an error.</summary>
public sealed class ProofDependsTests
{
    private const string Config = "gateway:\n  region: us-west-2\n  account: \"123456789012\"\n  workspace: wrkspc_01AbCdEf23GhIj\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n";

    private static string PermissionWithDeny(string denyCondition) => """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "*"},
            {"Sid": "OnlyFromTheOffice", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": 
        """ + denyCondition + "}\n  ]\n}";

    [Fact]
    public void DenyThatMayApply_IsAWarning_SettledBothWays()
    {
        string permission = PermissionWithDeny("""{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}""");
        var may = Assert.Single(Lint.Role(Lint.Config(Config), ("permission.json", permission)), d => d.RuleId == "PC2007");
        Assert.Equal(Facts.Severity.Warning, may.Severity);
        Assert.Contains("may deny", may.Message);
        Assert.Contains("depends on aws:SourceIp", may.Message);
        Assert.DoesNotContain(Lint.Role(Lint.Config(Config + "  context:\n    aws:SourceIp: 203.0.113.5\n"), ("permission.json", permission)), d => d.RuleId == "PC2007");
        var surely = Assert.Single(Lint.Role(Lint.Config(Config + "  context:\n    aws:SourceIp: 198.51.100.5\n"), ("permission.json", permission)), d => d.RuleId == "PC2007");
        Assert.Equal(Facts.Severity.Error, surely.Severity);
    }

    [Fact]
    public void DenyOnAnAbsentKey_IsDecided()
    {
        // aws:MultiFactorAuthPresent is absent on the gateway's call: BoolIfExists false holds, so the Deny surely applies.
        string permission = PermissionWithDeny("""{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}""");
        var d = Assert.Single(Lint.Role(Lint.Config(Config), ("permission.json", permission)), x => x.RuleId == "PC2007");
        Assert.Equal(Facts.Severity.Error, d.Severity);
    }

    private static System.Collections.Generic.List<Engine.Diagnostic> OnlyPC3012(string trust)
    {
        // The proof alone: the string-level trust rules would report "*" first (and the proof then stays quiet there).
        var role = new Engine.RoleGroup("role");
        role.Documents.Add(Model.PolicyReader.Read("trust.json", trust));
        var engine = Engine.LintEngine.CreateDefault(null, d => d.Id == "PC3012");
        return engine.Lint(new[] { role }, Lint.Config(Config), new System.DateTime(2026, 12, 1));
    }

    private static string OpenTrust(string extra) => """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"}
        """ + extra + "}}]}";

    [Fact]
    public void OutsiderWhoMayGetIn_IsAWarning_OneWhoSurelyDoesIsAnError()
    {
        var may = OnlyPC3012(OpenTrust(""", "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}"""));
        Assert.NotEmpty(may);
        Assert.All(may, d => Assert.Equal(Facts.Severity.Warning, d.Severity));
        Assert.Contains(may, d => d.Message.Contains("another account") && d.Message.Contains("depends on aws:SourceIp"));
        var surely = OnlyPC3012(OpenTrust(string.Empty));
        Assert.Contains(surely, d => d.Message.Contains("another account") && d.Severity == Facts.Severity.Error);
    }
}

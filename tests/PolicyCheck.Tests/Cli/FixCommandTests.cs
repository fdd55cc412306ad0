using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>lint --fix: only the unambiguous fixes, only the characters they change, written atomically, then linted again.</summary>
public sealed class FixCommandTests
{
    private const string Principal = "arn:aws:iam::299329113195:role/portkey-app";

    private const string BrokenJson = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid":    "Claude",
              "Effect": "Allow",
              "Action": [ "bedrock:CreateInference",
                          "bedrock:CountTokens" ],
              "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
            }
          ]
        }
        """;

    private const string BrokenTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        # The gateway's role; keep this comment.
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: arn:aws:iam::299329113195:role/portkey-ap   # misspelled
                    Action: sts:AssumeRole
                    Condition:
                      ForAnyValue:StringEquals: {sts:ExternalId: ext-id-123}
              Policies:
                - PolicyName: claude
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: ['bedrock:CreateInference', "bedrock:CountTokens"]
                        Resource: "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/*"
        """;

    [Fact]
    public void JsonPolicy_OnlyTheNamespaceChanges()
    {
        using var dir = new TempDir();
        var path = dir.Write("permission.json", BrokenJson);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path, "--fix" });
        Assert.True(exit == 0, err);
        Assert.Equal(BrokenJson.Replace("bedrock:", "aws-external-anthropic:"), File.ReadAllText(path));
        Assert.Contains("fixed 2 problem(s)", err);
        Assert.Single(Directory.GetFiles(dir.Path)); // no temporary file left behind
    }

    [Fact]
    public void Template_KeepsCommentsAndOrder_AndLintsCleanAfterwards()
    {
        using var dir = new TempDir();
        var path = dir.Write("role.yaml", BrokenTemplate);
        var before = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(1, before.Exit);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path, "--fix" });
        Assert.True(exit == 0, output + err);
        string expected = BrokenTemplate
            .Replace("'bedrock:CreateInference', \"bedrock:CountTokens\"", "'aws-external-anthropic:CreateInference', \"aws-external-anthropic:CountTokens\"")
            .Replace("role/portkey-ap   #", "role/portkey-app   #")
            .Replace("ForAnyValue:StringEquals:", "StringEquals:");
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.Equal(0, CliRunner.Run(new[] { "lint", path }).Exit);
    }

    [Fact]
    public void ASymlinkedPolicy_IsFixedInItsTarget_TheLinkAndModeKept()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        var target = dir.Write("real/policy.json", BrokenJson);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.Combine(dir.Path, "linked"));
        var link = Path.Combine(dir.Path, "linked", "policy.json");
        File.CreateSymbolicLink(link, target);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "linked"), "--fix" });
        Assert.True(exit is 0 or 1, output + err);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("aws-external-anthropic:CreateInference", File.ReadAllText(target));
        Assert.DoesNotContain("bedrock:", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.Equal(new[] { "policy.json" }, Directory.GetFiles(Path.Combine(dir.Path, "linked")).Select(Path.GetFileName));
    }

    [Fact]
    public void DryRun_ShowsADiff_AndWritesNothing()
    {
        using var dir = new TempDir();
        var path = dir.Write("role.yaml", BrokenTemplate);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path, "--fix", "--dry-run" }, cwd: dir.Path);
        Assert.Equal(BrokenTemplate, File.ReadAllText(path));
        Assert.Contains("--- a/role.yaml\n+++ b/role.yaml\n", output); // paths as `git apply` takes them
        Assert.Contains("-              AWS: arn:aws:iam::299329113195:role/portkey-ap   # misspelled", output);
        Assert.Contains("+              AWS: arn:aws:iam::299329113195:role/portkey-app   # misspelled", output);
        Assert.Contains("would fix 4 problem(s) in 1 file(s)", err);
        Assert.Equal(0, exit); // what the lint would say after the fix
    }

    [Fact]
    public void DryRun_WithAJsonReport_KeepsStandardOutputParseable()
    {
        using var dir = new TempDir();
        var path = dir.Write("role.yaml", BrokenTemplate);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path, "--fix", "--dry-run", "--format", "json" });
        Assert.Equal(0, exit);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(0, report.RootElement.GetProperty("diagnostics").GetArrayLength());
        Assert.Contains("+              AWS: arn:aws:iam::299329113195:role/portkey-app", err);
        Assert.Equal(BrokenTemplate, File.ReadAllText(path));
    }

    [Fact]
    public void DryRun_WithoutFix_IsAUsageError()
    {
        using var dir = new TempDir();
        var path = dir.Write("permission.json", BrokenJson);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path, "--dry-run" });
        Assert.Equal(2, exit);
        Assert.Contains("--dry-run goes with --fix", err);
    }

    [Theory]
    [InlineData("\"StringLike\": {\"sts:ExternalId\": \"ext-*\"}", "PC3006")] // a wildcard: which ID was meant?
    [InlineData("\"StringNotEquals\": {\"sts:ExternalId\": \"ext-id-123\"}", "PC3006")] // negated: not an equality
    [InlineData("\"StringEqualsIfExists\": {\"sts:ExternalId\": \"ext-id-123\", \"aws:PrincipalTag/team\": \"ai\"}", "PC3006")] // shares the block
    public void AmbiguousTrustFixes_AreLeftAlone(string condition, string rule)
    {
        using var dir = new TempDir();
        string trust = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + Principal + "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {" + condition + "}}]}";
        var path = dir.Write("trust.json", trust);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path, "--kind", "trust", "--fix" });
        Assert.Equal(trust, File.ReadAllText(path));
        Assert.Equal(1, exit);
        Assert.Contains(rule, output);
        Assert.Contains("fixed 0 problem(s)", err);
    }

    [Fact]
    public void WorkspaceArnUnderTheBedrockService_IsFixed()
    {
        using var dir = new TempDir();
        string policy = Lint.Permission("""{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:bedrock:us-east-1:111122223333:workspace/wrkspc_01abc"}""");
        var path = dir.Write("permission.json", policy);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path, "--fix" });
        Assert.True(exit == 0, output + err);
        Assert.Equal(policy.Replace("arn:aws:bedrock:", "arn:aws:aws-external-anthropic:"), File.ReadAllText(path));
    }

    [Fact]
    public void AGuessedActionName_IsNotFixed()
    {
        using var dir = new TempDir();
        string policy = Lint.Permission("""{"Effect": "Allow", "Action": "bedrock:CreateInferenc", "Resource": "*"}""");
        var path = dir.Write("permission.json", policy);
        var (_, output, _) = CliRunner.Run(new[] { "lint", path, "--fix" });
        Assert.Equal(policy, File.ReadAllText(path));
        Assert.Contains("PC2001", output);
    }

    [Fact]
    public void InitOutput_BrokenThenFixed_IsByteForByteTheOriginal()
    {
        using var dir = new TempDir();
        var init = CliRunner.Run(new[] { "init", "--features", "inference,count_tokens", "--region", "us-east-1", "--account", "111122223333", "--workspace", "wrkspc_01abc", "--external-id", "ext-id-123", "--out", dir.Path });
        Assert.True(init.Exit == 0, init.Err);
        string[] files = { "permission-policy.json", "trust-policy.json", "portkey-role.cloudformation.yaml" };
        var original = files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(dir.Path, f)));
        foreach (var f in files)
        {
            string broken = System.Text.RegularExpressions.Regex.Replace(original[f], "aws-external-anthropic:(?=[A-Z])", "bedrock:").Replace(Principal, Principal.Replace("portkey-app", "portkey-ap"));
            broken = broken.Replace("StringEquals", "StringEqualsIgnoreCase");
            Assert.NotEqual(original[f], broken);
            File.WriteAllText(Path.Combine(dir.Path, f), broken);
        }
        Assert.Equal(1, CliRunner.Run(new[] { "lint", dir.Path }).Exit);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", dir.Path, "--fix" });
        Assert.True(exit == 0, output + err);
        foreach (var f in files) Assert.Equal(original[f], File.ReadAllText(Path.Combine(dir.Path, f)));
        // A second run has nothing left to do.
        Assert.Contains("fixed 0 problem(s) in 0 file(s)", CliRunner.Run(new[] { "lint", dir.Path, "--fix" }).Err);
    }

    [Fact]
    public void TerraformPlans_AreNotChanged()
    {
        using var dir = new TempDir();
        string plan = File.ReadAllText(Path.Combine(Lint.Repo, "examples", "terraform", "plan.json"));
        var path = dir.Write("plan.json", plan);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path, "--fix" });
        Assert.Equal(plan, File.ReadAllText(path));
        Assert.Equal(1, exit);
        Assert.Contains("in generated files (CDK assemblies, Terraform plans), which --fix does not change", err);
        Assert.Contains("plan.json(18,132): not fixed: a Terraform plan", err);
        Assert.Contains("make the change in the source of aws_iam_role.portkey inline_policy claude", err);
    }

    [Fact]
    public void CdkAssemblies_AreNotChanged_TheConstructIsNamed()
    {
        using var dir = new TempDir();
        string source = Path.Combine(Lint.Repo, "examples", "cdk", "cdk.out");
        var copy = Path.Combine(dir.Path, "cdk.out");
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var before = Directory.GetFiles(copy).ToDictionary(f => f, File.ReadAllText);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", copy, "--fix" });
        Assert.Equal(1, exit);
        foreach (var kv in before) Assert.Equal(kv.Value, File.ReadAllText(kv.Key));
        Assert.Contains("PortkeyStack.template.json(17,16): not fixed: a template in a CDK assembly, which the next `cdk synth` overwrites", err);
        Assert.Contains("make the change in the source of PortkeyStack/PortkeyClaudeRole/Resource", err);
        // The nearest safe variant: the same template outside an assembly is fixed.
        var alone = dir.Write("alone/stack.template.json", before[Path.Combine(copy, "PortkeyStack.template.json")]);
        var fixedRun = CliRunner.Run(new[] { "lint", alone, "--fix" });
        Assert.Contains("fixed 1 problem(s) in", fixedRun.Err);
        Assert.NotEqual(before[Path.Combine(copy, "PortkeyStack.template.json")], File.ReadAllText(alone));
    }
}

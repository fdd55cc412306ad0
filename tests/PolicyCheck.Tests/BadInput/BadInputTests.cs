using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace PolicyCheck.Tests.BadInput;

/// <summary>
/// The bad-input corpus: each case with the exit code and the message `policycheck lint` must give. Small cases are
/// files in corpus/ (expected.tsv); large ones are generated here. Every case also runs through the JSON and SARIF
/// formats: no crash, no silent pass.
/// </summary>
public sealed class BadInputTests
{
    private static string Corpus => Path.Combine(Lint.Repo, "tests", "PolicyCheck.Tests", "BadInput", "corpus");

    public static IEnumerable<object[]> Cases()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Corpus, "expected.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            yield return new object[] { parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2] };
        }
    }

    [Fact]
    public void EveryCorpusFile_HasAnExpectation()
    {
        var listed = Cases().Select(c => (string)c[0]).ToHashSet();
        foreach (var f in Directory.GetFiles(Corpus)) if (!f.EndsWith(".tsv")) Assert.Contains(Path.GetFileName(f), listed);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CorpusCase(string file, int exit, string expected)
    {
        string path = Path.Combine(Corpus, file);
        var (code, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.True(code == exit, $"exit {code}, expected {exit}\n{output}{err}");
        Assert.Contains(expected, output + err);
        foreach (var format in new[] { "json", "sarif", "github", "junit" })
        {
            var other = CliRunner.Run(new[] { "lint", path, "--format", format });
            Assert.Equal(exit, other.Exit);
        }
    }

    [Fact]
    public void HugeFiles_AreRefusedBeforeReading()
    {
        using var dir = new TempDir();
        foreach (var (name, size) in new[] { ("ten.json", 10L << 20), ("hundred.json", 100L << 20) })
        {
            string path = Path.Combine(dir.Path, name);
            using (var f = new FileStream(path, FileMode.Create)) f.SetLength(size); // sparse: nothing is written
            var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
            Assert.Equal(2, exit);
            Assert.Contains("larger than 4 MiB are not read", output + err);
        }
    }

    [Fact]
    public void TemplateOverOneMegabyteOfPolicy_IsRefused()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: big\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n");
        int i = 0;
        while (sb.Length < 1_100_000) sb.Append("""              - {Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-""").Append(i++).Append("/*\"}\n");
        var path = dir.Write("big.yaml", sb.ToString());
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(2, exit);
        Assert.Contains("CloudFormation accepts at most 1,048,576 (1 MB)", output + err);
    }

    [Theory]
    [InlineData("config", 100_000, '[')]
    [InlineData("config", 1_000_000, '[')]
    [InlineData("config", 100_000, '{')]
    [InlineData("settings", 100_000, '[')]
    [InlineData("settings", 1_000_000, '{')]
    [InlineData("parameters", 100_000, '[')]
    [InlineData("parameters", 1_000_000, '[')]
    [InlineData("template", 1_000_000, '[')]
    public void DeepYamlAndJson_InEveryReader_IsExit2WithAPosition(string reader, int depth, char open)
    {
        using var dir = new TempDir();
        string deep = open == '[' ? new string('[', depth) : string.Concat(Enumerable.Repeat("{a: ", depth));
        var policy = dir.Write("p.json", Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""));
        string[] args = reader switch
        {
            "config" => new[] { "lint", policy, "--config", dir.Write("policycheck.yml", "gateway:\n  region: " + deep + "\n") },
            "settings" => new[] { "lint", policy, "--settings", dir.Write("portkey.yml", "region: " + deep + "\n") },
            "parameters" => new[] { "lint", dir.Write("t.yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n"), "--parameters", dir.Write("params.yaml", "Stage: " + deep + "\n") },
            _ => new[] { "lint", dir.Write("deep.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: " + deep + "\n") },
        };
        var (exit, output, err) = CliRunner.Run(args);
        Assert.True(exit == 2, $"exit {exit}: {(output + err).Substring(0, Math.Min(2000, (output + err).Length))}");
        Assert.Matches(@"\((1|2),\d+\)", err + output);
        Assert.Contains("nested more than 64 levels deep", err + output);
        if (reader == "parameters") Assert.Contains("the parameters file is nested", err + output);
    }

    [Fact]
    public void Nesting100000Deep_IsAFinding_NotAStackOverflow()
    {
        using var dir = new TempDir();
        var path = dir.Write("deep.json", """{"Statement":""" + new string('[', 100_000) + new string(']', 100_000) + "}");
        var (exit, output, _) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(1, exit);
        Assert.Contains("PC1001: nesting deeper than 64 levels", output);
    }

    [Fact]
    public void MillionElementArray_IsCappedPerRule()
    {
        using var dir = new TempDir();
        var path = dir.Write("million.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[""" + string.Join(",", Enumerable.Repeat("1", 1_000_000)) + """],"Resource":"*"}]}""");
        var (exit, output, _) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(1, exit);
        Assert.Contains("999,900 more PC1003 finding(s) in this file are not shown", output);
        Assert.True(output.Split('\n').Count(l => l.Contains("error PC1003")) == 100);
    }

    [Fact]
    public void YamlAliasBomb_InTheConfig_IsBounded()
    {
        using var dir = new TempDir();
        var yaml = new StringBuilder("gateway:\n  features: &a0 [inference, inference, inference, inference, inference, inference, inference, inference, inference, inference]\n");
        yaml.Append("rules: {}\nsuppressions:\n");
        for (int i = 1; i < 12; i++) yaml.Append($"  - &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        dir.Write("policycheck.yml", yaml.ToString());
        var path = dir.Write("p.json", Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""));
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(2, exit);
        Assert.Contains("PC4001", output + err);
    }

    [Fact]
    public void SymlinkLoop_IsNotFollowed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "a"));
        dir.Write("a/p.json", Lint.Permission("""{"Effect":"Allow","Action":["aws-external-anthropic:CreateInference","aws-external-anthropic:CountTokens"],"Resource":"*"}"""));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "loop"), Path.Combine(dir.Path, "a"));
        var (exit, _, err) = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.Equal(0, exit);
        Assert.Contains("in 1 policy", err);
    }

    [Fact]
    public void PathsWithSpacesAndNonAscii_Work()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "my policies", "ünïcödé ポリシー"));
        var path = dir.Write("my policies/ünïcödé ポリシー/perm ission.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}]}""");
        var (exit, output, _) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "my policies") });
        Assert.Equal(1, exit);
        Assert.Contains("ポリシー/perm ission.json(1,", output);
        var sarif = CliRunner.Run(new[] { "lint", path, "--format", "sarif" });
        Assert.Equal(1, sarif.Exit);
        Assert.True(sarif.Out.Contains("perm%20ission.json", StringComparison.Ordinal) || sarif.Out.Contains("perm ission.json", StringComparison.Ordinal), sarif.Out);
    }

    [Fact]
    public void OneBadFile_DoesNotStopTheOthers()
    {
        using var dir = new TempDir();
        dir.Write("good.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}]}""");
        string big = Path.Combine(dir.Path, "big.json");
        using (var f = new FileStream(big, FileMode.Create)) f.SetLength(5L << 20);
        dir.Write("broken.json", """{"Version":"2012-10-17","Statement":[""");
        var (exit, output, err) = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.Equal(2, exit);
        Assert.Contains("good.json(", output);
        Assert.Contains("broken.json(", output);
        Assert.Contains("big.json: error:", output + err);
    }
}

using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>lint --write-baseline / --baseline: adopt the gate on a repository with findings; only new ones fail.</summary>
public sealed class BaselineTests
{
    private const string Secret = "4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93";

    private static TempDir Repository()
    {
        var repo = new TempDir();
        repo.Write("iam/old/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": ["bedrock:InvokeModel", "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"}"""));
        repo.Write("iam/old/trust.json", Diff.DiffCommandTests.Trust.Replace("StringEquals", "StringLike").Replace(Diff.DiffCommandTests.ExternalId, Secret));
        repo.Write("iam/good/permission.json", Diff.DiffCommandTests.Permission);
        repo.Write("iam/good/trust.json", Diff.DiffCommandTests.Trust);
        return repo;
    }

    [Fact]
    public async Task TheBaseline_HoldsTodaysFindings_SurvivesLineMoves_AndOnlyANewFindingFails()
    {
        using var repo = Repository();
        var (written, _, said) = CliRunner.Run(new[] { "lint", "iam", "--write-baseline", "policycheck.baseline.json" }, cwd: repo.Path);
        Assert.True(written == 0, said);
        string baseline = File.ReadAllText(Path.Combine(repo.Path, "policycheck.baseline.json"));
        Assert.Contains("\"rule\": \"PC2001\"", baseline);
        Assert.Contains("\"path\": \"iam/old/permission.json\"", baseline);
        Assert.DoesNotContain(Secret, baseline + said);
        Assert.DoesNotContain("bedrock", baseline);

        var (before, _, _) = CliRunner.Run(new[] { "lint", "iam" }, cwd: repo.Path);
        Assert.Equal(1, before);
        var (clean, json, err) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "policycheck.baseline.json", "--format", "json" }, cwd: repo.Path);
        Assert.True(clean == 0, json + err);
        Assert.Contains("\"justification\": \"in the baseline\"", json);

        // The same findings on other lines (a statement added above them) are still the baseline's.
        string moved = File.ReadAllText(Path.Combine(repo.Path, "iam/old/permission.json")).Replace("\"Statement\": [", "\"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::logs/*\"},\n");
        repo.Write("iam/old/permission.json", moved);
        var (still, text, _) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "policycheck.baseline.json" }, cwd: repo.Path);
        Assert.True(still == 0, text);

        // A new finding fails, alone; SARIF says which is new.
        repo.Write("iam/good/permission.json", Diff.DiffCommandTests.Permission.Replace("\"s3:GetObject\"", "\"bedrock:InvokeModel\""));
        var (fails, sarif, _) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "policycheck.baseline.json", "--format", "sarif" }, cwd: repo.Path);
        Assert.Equal(1, fails);
        Assert.Single(Regex.Matches(sarif, "\"baselineState\": \"new\""));
        Assert.Contains("\"baselineState\": \"unchanged\"", sarif);
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Lint.Repo, "..", "shared", "schemas", "sarif-schema-2.1.0.json")));
        Assert.Empty(schema.Validate(sarif));
        var (_, newOnly, _) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "policycheck.baseline.json" }, cwd: repo.Path);
        Assert.Contains("iam/good/permission.json(", newOnly);
        Assert.DoesNotContain("iam/old/", newOnly);
    }

    [Fact]
    public void AFixedFinding_MakesItsEntryStale_ReportedAsANote()
    {
        using var repo = Repository();
        CliRunner.Run(new[] { "lint", "iam", "--write-baseline", "b.json" }, cwd: repo.Path);
        repo.Write("iam/old/trust.json", Diff.DiffCommandTests.Trust);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "b.json" }, cwd: repo.Path);
        Assert.Equal(0, exit);
        Assert.Matches(@"b\.json\(\d+,\d+\): note: 1 baseline entry matches no finding any more \(fixed\)", err);
        // Nearest variant: nothing fixed, nothing stale.
        using var same = Repository();
        CliRunner.Run(new[] { "lint", "iam", "--write-baseline", "b.json" }, cwd: same.Path);
        var (_, _, quiet) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "b.json" }, cwd: same.Path);
        Assert.DoesNotContain("no finding any more", quiet);
    }

    [Theory]
    [InlineData("{\"version\": 1, \"findings\": [", "not valid JSON", 1)]
    [InlineData("{\"version\": 2, \"tool\": \"policycheck\", \"findings\": []}", "baseline version 2 is not one this PolicyCheck reads", 1)]
    [InlineData("{\"version\": 1,\n \"findings\": [\n  {\"rule\": \"PC2001\", \"path\": \"a.json\", \"fingerprint\": \"ab\"},\n  {\"rule\": \"PC2001\", \"path\": \"a.json\", \"fingerprint\": \"ab\"}]}", "is in the baseline twice", 4)]
    [InlineData("{\"version\": 1,\n \"findings\": [\n  {\"rule\": \"PC2001\"}]}", "needs rule, path and fingerprint", 3)]
    public void ABadBaseline_IsExit2_WithFileLineAndReason(string content, string expected, int line)
    {
        using var repo = Repository();
        repo.Write("b.json", content);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "iam", "--baseline", "b.json" }, cwd: repo.Path);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Contains($"b.json({line},", err);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void WriteBaseline_OfAnIncompleteRun_WritesNothing()
    {
        using var repo = Repository();
        repo.Write("iam/broken/permission.json", "{\"Version\": ");
        repo.Write("b.json", "keep me");
        var (exit, _, err) = CliRunner.Run(new[] { "lint", "iam", "missing-folder", "--write-baseline", "b.json" }, cwd: repo.Path);
        Assert.Equal(2, exit);
        Assert.Contains("not written", err);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(repo.Path, "b.json")));
    }

    [Fact]
    public void PolicycheckYml_NamesTheBaseline_UsedWhenItExists()
    {
        using var repo = Repository();
        repo.Write("policycheck.yml", "baseline: policycheck.baseline.json\n");
        // Before the first --write-baseline the file does not exist: lint as without one.
        var (first, _, _) = CliRunner.Run(new[] { "lint", "iam" }, cwd: repo.Path);
        Assert.Equal(1, first);
        var (written, _, _) = CliRunner.Run(new[] { "lint", "iam", "--write-baseline", "policycheck.baseline.json" }, cwd: repo.Path);
        Assert.Equal(0, written);
        var (clean, output, err) = CliRunner.Run(new[] { "lint", "iam" }, cwd: repo.Path);
        Assert.True(clean == 0, output + err);
        Assert.Contains("suppressed", err);
        // A wrong type is PC4001 like every other key.
        repo.Write("policycheck.yml", "baseline: [a, b]\n");
        var (bad, text, stderr) = CliRunner.Run(new[] { "lint", "iam" }, cwd: repo.Path);
        Assert.Equal(2, bad);
        Assert.Contains("PC4001", text + stderr);
    }
}

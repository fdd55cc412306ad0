using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>The pre-commit hook (.pre-commit-hooks.yaml): its entry run on a commit's changed files, filtered by its pattern.</summary>
public sealed class HookTests
{
    private static (string[] Entry, Regex Files) Hook()
    {
        string yaml = File.ReadAllText(Path.Combine(Lint.Repo, ".pre-commit-hooks.yaml"));
        string entry = Regex.Match(yaml, @"^\s*entry:\s*(.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        string files = Regex.Match(yaml, @"^\s*files:\s*(.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        Assert.Contains("pass_filenames: true", yaml);
        var words = entry.Split(' ');
        Assert.Equal("policycheck", words[0]);
        return (words.Skip(1).ToArray(), new Regex(files));
    }

    private static (int Exit, string Out, string Err) Commit(TempDir repo, params string[] changed)
    {
        var (entry, files) = Hook();
        var passed = changed.Where(f => files.IsMatch(f)).ToArray();
        Assert.DoesNotContain("README.md", passed);
        return CliRunner.Run(entry.Concat(passed).ToArray(), cwd: repo.Path);
    }

    private static TempDir Repository()
    {
        var repo = new TempDir();
        repo.Write("iam/portkey/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": ["bedrock:InvokeModel", "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"}"""));
        repo.Write("iam/portkey/trust.json", Diff.DiffCommandTests.Trust);
        repo.Write("package.json", """{"name": "web", "version": "1.0.0"}""");
        repo.Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");
        repo.Write("README.md", "# app\n");
        return repo;
    }

    [Fact]
    public void AChangedPolicy_IsLinted_AndTheOtherChangedFilesAreSkipped()
    {
        using var repo = Repository();
        var (exit, output, err) = Commit(repo, "iam/portkey/permission.json", "package.json", "docker-compose.yml", "README.md");
        Assert.True(exit == 1, output + err);
        Assert.Contains("iam/portkey/permission.json(", output);
        Assert.Contains("error PC2001", output);
        Assert.DoesNotContain("package.json", output + err);
        Assert.DoesNotContain("docker-compose.yml", output + err);
    }

    [Fact]
    public void AChangedTrust_IsLintedWithItsFoldersPermission_TheRole()
    {
        using var repo = Repository();
        var (exit, output, _) = Commit(repo, "iam/portkey/trust.json");
        Assert.Equal(1, exit);
        Assert.Contains("iam/portkey/permission.json(", output);
        // Nearest safe variant: the same commit once the permission policy is right.
        repo.Write("iam/portkey/permission.json", Diff.DiffCommandTests.Permission);
        var (clean, quiet, err) = Commit(repo, "iam/portkey/trust.json");
        Assert.True(clean == 0, quiet + err);
    }

    [Fact]
    public void ACommitWithoutPolicies_Passes_ButAMissingFileIsExit2()
    {
        using var repo = Repository();
        var (exit, output, err) = Commit(repo, "package.json", "docker-compose.yml", "README.md");
        Assert.True(exit == 0, output + err);
        Assert.Equal(string.Empty, output);
        var (missing, shown, why) = CliRunner.Run(new[] { "lint", "--hook", "iam/gone.json" }, cwd: repo.Path);
        Assert.Equal(2, missing);
        Assert.Contains("iam/gone.json: error: no such file", shown + why);
    }

    [Fact]
    public void AJsonFileWithComments_ThatIsNoPolicy_BlocksNoCommit_ButATruncatedPolicyDoes()
    {
        using var repo = Repository();
        repo.Write("web/tsconfig.json", "{\n  // comments are allowed here\n  \"compilerOptions\": { \"strict\": true, },\n}\n");
        var (exit, output, err) = Commit(repo, "web/tsconfig.json");
        Assert.True(exit == 0, output + err);
        Assert.DoesNotContain("tsconfig", output + err);
        // Nearest unsafe variant: a policy cut short still names its Statement, and is reported at its line.
        repo.Write("iam/portkey/permission.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        var (broken, text, _) = Commit(repo, "iam/portkey/permission.json");
        Assert.Equal(1, broken);
        Assert.Contains("iam/portkey/permission.json(4,", text);
        Assert.Contains("PC1001", text);
    }
}

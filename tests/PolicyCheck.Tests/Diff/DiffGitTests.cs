using System.IO;
using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Diff;

/// <summary>`policycheck diff --git REF PATH`: the working tree against the same paths at a ref of a real temporary repository.</summary>
public sealed class DiffGitTests
{
    /// <summary>A repository whose main commit holds one role, iam/portkey/, as the diff tests' BASE.</summary>
    private static TempDir Repository()
    {
        var dir = new TempDir();
        GitRepo.Run(dir.Path, "init", "-q");
        dir.Write("iam/portkey/permission.json", DiffCommandTests.Permission);
        dir.Write("iam/portkey/trust.json", DiffCommandTests.Trust);
        dir.Write("README.txt", "not a policy");
        GitRepo.Run(dir.Path, "add", "-A");
        GitRepo.Run(dir.Path, "commit", "-q", "-m", "base");
        return dir;
    }

    [Fact]
    public void TheWorkingTree_AgainstItsCommit_ReportsTheEdit_AtTheWorkingTreesLine()
    {
        using var repo = Repository();
        string head = DiffCommandTests.Permission.Replace("logs/portkey/*", "logs/*");
        repo.Write("iam/portkey/permission.json", head);
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "--git", "main", "iam" }, cwd: repo.Path);
        Assert.True(exit == 1, output + err);
        var found = DiffCommandTests.Parse(output);
        var (line, col) = DiffCommandTests.At(head, "\"arn:aws:s3:::logs/*\"");
        Assert.Contains(found, f => f.Rule == "PC6002" && f.File == "permission.json" && f.Line == line && f.Column == col);
        Assert.DoesNotContain("main:", output.Split('\n').First(l => l.Contains("PC6002")));
        Assert.Contains("1 new access", err);
        // As the README's pull-request step runs it: annotations on the working tree's file.
        var (github, annotations, _) = CliRunner.Run(new[] { "diff", "--git", "main", "iam/", "--format", "github" }, cwd: repo.Path);
        Assert.Equal(1, github);
        Assert.Contains($"::warning file=iam/portkey/permission.json,line={line},col={col},", annotations);
    }

    [Fact]
    public void TheWorkingTree_UnchangedSinceTheRef_ReportsNothing_Exit0()
    {
        using var repo = Repository();
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "--git", "main", "iam" }, cwd: repo.Path);
        Assert.True(exit == 0, output + err);
        Assert.Empty(DiffCommandTests.Parse(output));
        Assert.Contains("0 broken, 0 new access", err);
    }

    [Fact]
    public void ARoleNewSinceTheRef_IsAdded_AndAFileBrokenAtTheRef_IsNamedRefColonPath()
    {
        using var repo = Repository();
        repo.Write("iam/other/permission.json", DiffCommandTests.Permission);
        repo.Write("iam/other/trust.json", DiffCommandTests.Trust);
        var (added, output, _) = CliRunner.Run(new[] { "diff", "--git", "main", "iam", "--fail-on", "any" }, cwd: repo.Path);
        Assert.Equal(1, added);
        Assert.Contains(DiffCommandTests.Parse(output), f => f.Rule == "PC6006");

        // A BASE side that does not parse: its problem is shown as REF:path with the line, and the exit is 2.
        repo.Write("iam/portkey/permission.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        GitRepo.Run(repo.Path, "commit", "-q", "-am", "broken");
        repo.Write("iam/portkey/permission.json", DiffCommandTests.Permission);
        var (exit, text, err) = CliRunner.Run(new[] { "diff", "--git", "HEAD", "iam" }, cwd: repo.Path);
        Assert.Equal(2, exit);
        Assert.Contains("HEAD:iam/portkey/permission.json(", text + err);
        Assert.Contains("left out of the diff", text + err);
    }

    [Fact]
    public void AMissingRef_IsExit2_NamingIt()
    {
        using var repo = Repository();
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "--git", "no-such-branch", "iam" }, cwd: repo.Path);
        Assert.Equal(2, exit);
        Assert.Contains("'no-such-branch' is not a commit, branch or tag", output + err);
        Assert.DoesNotContain("0 broken", output);
    }

    [Fact]
    public void AMissingGit_IsExit2_NamingTheCommand()
    {
        using var repo = Repository();
        string missing = Path.Combine(repo.Path, "no-git-here");
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "--git", "main", "iam" }, env: k => k == "POLICYCHECK_GIT" ? missing : null, cwd: repo.Path);
        Assert.Equal(2, exit);
        Assert.Contains("not installed or not on PATH", output + err);
    }

    [Fact]
    public void APathOutsideAnyRepository_OrAGlob_IsExit2()
    {
        using var plain = new TempDir();
        plain.Write("iam/portkey/permission.json", DiffCommandTests.Permission);
        var (exit, output, err) = CliRunner.Run(new[] { "diff", "--git", "main", Path.Combine(plain.Path, "iam") }, env: k => k == "GIT_CEILING_DIRECTORIES" ? plain.Path : null);
        Assert.Equal(2, exit);
        Assert.Contains("git rev-parse failed", output + err);

        using var repo = Repository();
        var (glob, text, stderr) = CliRunner.Run(new[] { "diff", "--git", "main", "iam/**/*.json" }, cwd: repo.Path);
        Assert.Equal(2, glob);
        Assert.Contains("give the folder instead of a glob", text + stderr);
    }
}

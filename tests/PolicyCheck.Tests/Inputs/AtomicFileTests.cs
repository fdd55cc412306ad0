using System;
using System.IO;
using System.Text;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>Every file PolicyCheck writes goes through AtomicFile: the old content or the new, never half.</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void AnInterruptedWrite_KeepsTheOriginal_AndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        var path = dir.Write("report.json", "original report");
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            var half = Encoding.UTF8.GetBytes("""{"half": """);
            stream.Write(half, 0, half.Length);
            throw new IOException("disk full (simulated)");
        }));
        Assert.Contains("disk full", ex.Message);
        Assert.Equal("original report", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ATemporaryFileAKillLeftBehind_IsRemovedByTheNextWrite_ALiveOneIsNot()
    {
        using var dir = new TempDir();
        var path = dir.Write("report.json", "old");
        var stale = dir.Write(".report.json.0badc0de.tmp", "half a report");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(1));
        var live = dir.Write(".report.json.1badc0de.tmp", "another process, writing now");
        var unrelated = dir.Write(".other.json.2badc0de.tmp", "not ours");
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddHours(-1));
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void ARewrite_KeepsTheFilesOwner()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        var path = dir.Write("policy.json", "old");
        bool root = Run("id", "-u") == "0";
        if (root) Run("chown", "4321:4322", path);
        string before = Run("stat", "-c", "%u:%g", path);
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(before, Run("stat", "-c", "%u:%g", path));
        if (root) Assert.Equal("4321:4322", before);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    [Fact]
    public void ACompletedWrite_ReplacesTheFileWhole()
    {
        using var dir = new TempDir();
        var path = dir.Write("report.json", "old");
        AtomicFile.WriteAllText(path, "new content");
        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void LintOutput_ToAnUnwritablePlace_IsExit2_AndLintsNothingAway()
    {
        using var dir = new TempDir();
        var policy = dir.Write("p.json", Lint.Permission("""{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}"""));
        var blocker = dir.Write("file", "x");
        var (exit, _, err) = CliRunner.Run(new[] { "lint", policy, "--output", Path.Combine(blocker, "report.json") });
        Assert.Equal(2, exit);
        Assert.Contains("cannot write the report to", err);
        Assert.Equal("x", File.ReadAllText(blocker));
    }

    [Fact]
    public void ASymlink_IsWrittenThrough_AndTheTargetKeepsItsMode()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        var target = dir.Write("real/report.json", "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string link = Path.Combine(dir.Path, "report.json");
        File.CreateSymbolicLink(link, target);
        AtomicFile.WriteAllText(link, "new");
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }

    [Fact]
    public void OutputToDevNull_WritesIntoTheDevice_NeverReplacesIt()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        dir.Write("p.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        var (exit, _, err) = CliRunner.Run(new[] { "lint", dir.Path, "--format", "json", "-o", "/dev/null" });
        Assert.True(exit is 0 or 1, err);
        // A regular file put in its place would now hold the report.
        Assert.Equal(0, new FileInfo("/dev/null").Length);
    }

    [Fact]
    public void ASymlinkLoopAsTheReport_IsAClearError()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        var path = dir.Write("p.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        string a = Path.Combine(dir.Path, "a.txt"), b = Path.Combine(dir.Path, "b.txt");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path, "-o", a });
        Assert.Equal(2, exit);
        Assert.Contains("--output", err);
        Assert.DoesNotContain("internal error", err);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("empty")]
    [InlineData("folder")]
    public void TheReport_NeverReplacesAnInput_NorGoesNowhere(string where)
    {
        using var dir = new TempDir();
        const string policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""";
        var path = dir.Write("p.json", policy);
        string output = where switch { "same" => path, "empty" => "", _ => dir.Path };
        var (exit, _, err) = CliRunner.Run(new[] { "lint", path, "-o", output });
        Assert.Equal(2, exit);
        Assert.Contains("--output", err);
        Assert.Equal(policy, File.ReadAllText(path));
        // The nearest safe variant: a new file beside the input.
        var ok = CliRunner.Run(new[] { "lint", path, "-o", Path.Combine(dir.Path, "report.txt") });
        Assert.True(ok.Exit is 0 or 1, ok.Err);
        Assert.True(File.Exists(Path.Combine(dir.Path, "report.txt")));
    }
}

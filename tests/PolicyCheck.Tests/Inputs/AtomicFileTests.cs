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
}

using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace PolicyCheck.Tests.BadInput;

/// <summary>Devices and FIFOs given or found as inputs: an error naming the file, never a hang or an out-of-memory.</summary>
public class SpecialFileTests
{
    private static bool Unix => !OperatingSystem.IsWindows() && File.Exists("/dev/zero");

    private sealed class FullDisk : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("simulate")]
    public void OutputThatCannotBeWritten_IsOneError_NotACrash(string command)
    {
        // Standard output on a full disk (or a closed pipe): exit 2 and the reason once on standard error.
        using var dir = new TempDir();
        var policy = dir.Write("p.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var batch = new System.Text.StringBuilder();
        for (int i = 0; i < 300; i++) batch.Append("{\"policies\":[").Append(File.ReadAllText(policy)).Append("],\"action\":\"s3:GetObject\"}\n");
        string[] args = command == "lint" ? new[] { "lint", dir.Path } : new[] { "simulate", "--batch", "-" };
        var stderr = new StringWriter();
        int exit = PolicyCheck.Cli.Program.Run(args, new PolicyCheck.Cli.Output.Utf8Output(new FullDisk(), 256), stderr, _ => null, new StringReader(batch.ToString()));
        Assert.Equal(2, exit);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(stderr.ToString(), "policycheck: error: No space left on device"));
    }

    [Fact]
    public void DevZero_Named_IsAnError_NotAnOutOfMemory()
    {
        Assert.True(Unix || OperatingSystem.IsWindows());
        if (!Unix) return;
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "/dev/zero" });
        Assert.Equal(2, exit);
        Assert.Contains("/dev/zero: error: more than 4 MiB", output + err);
    }

    [Fact]
    public void DevZero_BehindASymlinkInAFolder_OrAsTheSettings_IsAnError()
    {
        if (!Unix) return;
        using var dir = new TempDir();
        dir.Write("ok.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "zero.json"), "/dev/zero");
        var (exit, output, err) = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.Equal(2, exit);
        Assert.Contains(OperatingSystem.IsLinux() ? "zero.json: error: a character device found in the folder" : "zero.json: error: more than 4 MiB", output + err);
        Assert.Contains("in 1 policy", output + err); // the good file beside it is still linted
        var settings = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "ok.json"), "--settings", "/dev/zero" });
        Assert.Equal(2, settings.Exit);
        Assert.Contains("more than 4 MiB", settings.Out + settings.Err);
    }

    [Fact]
    public void AFifoInAFolder_IsAnError_NotAHang()
    {
        if (!Unix) return;
        using var dir = new TempDir();
        string fifo = Path.Combine(dir.Path, "pipe.json");
        using (var mk = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false })!) mk.WaitForExit();
        Assert.True(File.Exists(fifo));
        try
        {
            var (exit, output, err) = CliRunner.Run(new[] { "lint", dir.Path });
            Assert.Equal(2, exit);
            Assert.Contains(OperatingSystem.IsLinux() ? "pipe.json: error: a FIFO (named pipe) found in the folder, not a policy file" : "pipe.json: error: the file did not open within 2 s", output + err);
            // Named on the command line it is opened (a pipe with a writer is how `<(…)` works), within the deadline.
            var named = CliRunner.Run(new[] { "lint", fifo });
            Assert.Equal(2, named.Exit);
            Assert.Contains("the file did not open within 2 s", named.Out + named.Err);
        }
        finally
        {
            // Release the reader still waiting for a writer; on a thread, so that a run that never opened the FIFO
            // (and so left no reader) cannot block the test run here.
            var release = new System.Threading.Thread(() => { using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write); }) { IsBackground = true };
            release.Start();
            release.Join(TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void SimulateFromDevZero_IsAnError()
    {
        if (!Unix) return;
        var batch = CliRunner.Run(new[] { "simulate", "--batch", "/dev/zero" });
        Assert.Equal(2, batch.Exit);
        Assert.Contains("/dev/zero: line 1 is longer than 4 MiB", batch.Err);
        var policy = CliRunner.Run(new[] { "simulate", "--policy", "/dev/zero", "--action", "s3:GetObject", "--resource", "*" });
        Assert.Equal(2, policy.Exit);
        Assert.Contains("more than 4 MiB", policy.Out + policy.Err);
    }
}

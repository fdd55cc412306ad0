using System;
using System.IO;
using System.Linq;
using System.Text;
using PolicyCheck.Cli;
using PolicyCheck.Cli.Output;
using PolicyCheck.Secrets;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>Standard error after standard output, in a log that takes both (as a CI job keeps them).</summary>
public sealed class AfterOutputTests
{
    /// <summary>A log both streams write into, standard output through the CLI's 64 KiB buffer.</summary>
    private static (int Exit, string[] Lines) RunIntoOneLog(params string[] args)
    {
        var log = new MemoryStream();
        var stdout = new Utf8Output(log, 1 << 16);
        var stderr = new StreamWriter(log, new UTF8Encoding(false), 256, leaveOpen: true) { AutoFlush = true };
        int exit = Program.Run(args, stdout, stderr, _ => null);
        stdout.Flush();
        return (exit, Encoding.UTF8.GetString(log.ToArray()).Split('\n'));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("github")]
    public void TheSummary_ComesAfterEveryLineOfALongReport_OnALineOfItsOwn(string format)
    {
        using var dir = new TempDir();
        // About 300 KB of findings: several of the output buffer's flushes before the summary.
        for (int i = 0; i < 400; i++)
            dir.Write($"roles/r{i:D3}/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": ["bedrock:InvokeModel", "aws-external-anthropic:CreateInference"], "Resource": "*"}"""));
        var (exit, lines) = RunIntoOneLog("lint", Path.Combine(dir.Path, "roles"), "--format", format);
        Assert.Equal(1, exit);
        Assert.True(lines.Sum(l => l.Length + 1) > 3 * 65536);
        int summary = Array.FindIndex(lines, l => l.Contains("policycheck: ", StringComparison.Ordinal));
        Assert.StartsWith("policycheck: ", lines[summary]);
        Assert.Equal(new[] { lines[summary], string.Empty }, lines.Skip(summary));
        Assert.All(lines.Take(summary), l => Assert.True(format == "text" ? l.Contains(".json(", StringComparison.Ordinal) || l.StartsWith("    fix: ", StringComparison.Ordinal) : l.StartsWith("::", StringComparison.Ordinal), l));
    }

    [Fact]
    public void AFailedFlushBeforeAMessage_IsKept_AndTheMessageStillGoesOut()
    {
        var errors = new StringWriter();
        var after = new AfterOutput(errors, new MaskingWriter(new FailingWriter(), new SecretMask()));
        after.WriteLine("policycheck: error: x");
        Assert.Equal("policycheck: error: x" + Environment.NewLine, errors.ToString());
        Assert.Equal("disk full", after.Failed?.Message);
    }

    [Fact]
    public void ALineBegunOnStdout_StaysWhole_SoASecretSplitAcrossWritesIsMasked()
    {
        var mask = new SecretMask();
        mask.Add("tenant-7-9f1c2e7a");
        var log = new StringWriter();
        var output = new MaskingWriter(log, mask);
        var errors = new MaskingWriter(new AfterOutput(log, output), mask);
        output.WriteLine("before");
        output.Write("id tenant-7-");
        errors.WriteLine("policycheck: note: x");
        output.WriteLine("9f1c2e7a after");
        output.Flush();
        Assert.Equal("before\npolicycheck: note: x\nid **** after\n".Replace("\n", System.Environment.NewLine), log.ToString());
    }

    [Fact]
    public void AReportLostInAFlushBeforeTheSummary_FailsTheRun_EvenWhenLaterWritesGoThrough()
    {
        using var dir = new TempDir();
        dir.Write("roles/a/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}"""));
        var stdout = new Utf8Output(new FailsOnce(), 1 << 16);
        var stderr = new StringWriter();
        int exit = Program.Run(new[] { "lint", Path.Combine(dir.Path, "roles") }, stdout, stderr, _ => null);
        Assert.Equal(2, exit);
        Assert.Contains("policycheck: error: disk full", stderr.ToString());
    }

    /// <summary>A stream whose first write fails (a full disk that frees up): what that write held is lost.</summary>
    private sealed class FailsOnce : MemoryStream
    {
        private bool _failed;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!_failed)
            {
                _failed = true;
                throw new IOException("disk full");
            }
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!_failed)
            {
                _failed = true;
                throw new IOException("disk full");
            }
            base.Write(buffer);
        }
    }

    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Flush() => throw new IOException("disk full");
    }
}

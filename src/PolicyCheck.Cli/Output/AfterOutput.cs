using System;
using System.IO;
using System.Text;

namespace PolicyCheck.Cli.Output;

/// <summary>
/// Standard error, written only once what standard output holds is out: in a log that takes both (a CI job's), a
/// message comes after the report lines written before it, never inside one. Only whole lines are flushed: a line
/// begun stays with the masking writer until it ends. A failed flush of standard output is kept for the run to report;
/// the message still goes out.
/// </summary>
public sealed class AfterOutput : TextWriter
{
    private readonly TextWriter _errors;
    private readonly PolicyCheck.Secrets.MaskingWriter _output;

    public AfterOutput(TextWriter errors, PolicyCheck.Secrets.MaskingWriter output)
    {
        _errors = errors;
        _output = output;
    }

    /// <summary>The first failure to flush standard output before a message (a full disk, a closed pipe).</summary>
    public IOException? Failed { get; private set; }

    public override Encoding Encoding => _errors.Encoding;

    private void OutputFirst()
    {
        try
        {
            _output.FlushLines();
        }
        catch (IOException ex)
        {
            Failed ??= ex;
        }
    }

    public override void Write(char value)
    {
        OutputFirst();
        _errors.Write(value);
    }

    public override void Write(string? value)
    {
        OutputFirst();
        _errors.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        OutputFirst();
        _errors.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        OutputFirst();
        _errors.Write(buffer);
    }

    public override void Flush() => _errors.Flush();
}

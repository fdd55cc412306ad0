using System;
using System.IO;
using System.Text;

namespace PolicyCheck.Secrets;

#if NET8_0_OR_GREATER

/// <summary>A TextWriter that masks secrets line by line before they reach the real writer (the CLI's; not in the analyzers' build).</summary>
public sealed class MaskingWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly SecretMask _mask;
    // The line so far (up to its '\n'): a line without a secret goes on from here, with no string made.
    private char[] _line = new char[256];
    private int _length;

    public MaskingWriter(TextWriter inner, SecretMask mask)
    {
        _inner = inner;
        _mask = mask;
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>The mask this writer applies: work on other threads applies it first and writes through <see cref="ForMaskedOutput"/>.</summary>
    public SecretMask Mask => _mask;

    /// <summary>
    /// The writer under this one, once a line begun through this one is out: for output that has passed through
    /// <see cref="Mask"/> already and is written in its own form (a batch's answers, masked in parallel, as UTF-8).
    /// </summary>
    public TextWriter ForMaskedOutput()
    {
        if (_length > 0) FlushLine();
        return _inner;
    }

    public override void Write(char value)
    {
        if (_length == _line.Length) Array.Resize(ref _line, _line.Length * 2);
        _line[_length++] = value;
        if (value == '\n') FlushLine();
    }

    public override void Write(string? value)
    {
        if (value != null) Write(value.AsSpan());
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int end = buffer.IndexOf('\n');
            if (end < 0)
            {
                Append(buffer);
                return;
            }
            Append(buffer.Slice(0, end + 1));
            FlushLine();
            buffer = buffer.Slice(end + 1);
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_length + chars.Length > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + chars.Length));
        chars.CopyTo(_line.AsSpan(_length));
        _length += chars.Length;
    }

    private void FlushLine()
    {
        // Taken before it is written: a write that fails (a full disk) is not tried again on the next flush.
        var line = new ReadOnlySpan<char>(_line, 0, _length);
        _length = 0;
        if (_mask.Changes(line)) _inner.Write(_mask.Apply(line.ToString()));
        else _inner.Write(line);
    }

    /// <summary>Flushes the whole lines written so far; a line begun stays until it ends (a secret split across writes is masked whole).</summary>
    public void FlushLines() => _inner.Flush();

    public override void Flush()
    {
        if (_length > 0) FlushLine();
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
#endif

using System;
using System.IO;
using System.Text;

namespace PolicyCheck.Cli.Output;

/// <summary>
/// Standard output when it is redirected: one buffered UTF-8 writer that takes text and, for output already masked
/// and encoded (a batch's answers), UTF-8 bytes as they are.
/// </summary>
public sealed class Utf8Output : TextWriter
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _used;
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private static readonly byte[] LineEnd = { (byte)'\n' };

    public Utf8Output(Stream stream, int bufferBytes = 1 << 16)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(bufferBytes, 64)];
        NewLine = "\n";
    }

    public override Encoding Encoding => new UTF8Encoding(false);

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Encode(buffer, flush: false);

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        bool completed = false;
        while (!completed || chars.Length > 0)
        {
            // Room for the longest a character becomes (a pending surrogate and the next one: 4 bytes, 3 as replacement).
            if (_buffer.Length - _used < 8) FlushBuffer();
            _encoder.Convert(chars, _buffer.AsSpan(_used), flush, out int read, out int written, out completed);
            _used += written;
            chars = chars.Slice(read);
        }
    }

    /// <summary>Writes UTF-8 bytes as they are, then a line end (text written before them goes first, whole).</summary>
    public void WriteUtf8Line(ReadOnlySpan<byte> utf8)
    {
        WriteUtf8(utf8);
        Append(LineEnd);
    }

    /// <summary>Writes UTF-8 bytes as they are (text written before them goes first, whole).</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        Encode(ReadOnlySpan<char>.Empty, flush: true);
        Append(utf8);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void FlushBuffer()
    {
        if (_used == 0) return;
        // What a failed write held is dropped (a full disk, a closed pipe): the next flush does not fail again.
        int used = _used;
        _used = 0;
        _stream.Write(_buffer, 0, used);
    }

    public override void Flush()
    {
        Encode(ReadOnlySpan<char>.Empty, flush: true);
        FlushBuffer();
        _stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }
}

using System.IO;
using System.Text;

namespace PolicyCheck.Secrets;

/// <summary>A TextWriter that masks secrets line by line before they reach the real writer.</summary>
public sealed class MaskingWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly SecretMask _mask;
    private readonly StringBuilder _line = new StringBuilder();

    public MaskingWriter(TextWriter inner, SecretMask mask)
    {
        _inner = inner;
        _mask = mask;
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>The mask this writer applies: work on other threads applies it first and writes with <see cref="WriteMaskedLine"/>.</summary>
    public SecretMask Mask => _mask;

    /// <summary>
    /// The writer under this one, once a line begun through this one is out: for output that has passed through
    /// <see cref="Mask"/> already and is written in its own form (a batch's answers, masked in parallel, as UTF-8).
    /// </summary>
    public TextWriter ForMaskedOutput()
    {
        if (_line.Length > 0) FlushLine();
        return _inner;
    }


    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n') FlushLine();
    }

    public override void Write(string? value)
    {
        if (value == null) return;
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '\n') continue;
            _line.Append(value, start, i - start + 1);
            FlushLine();
            start = i + 1;
        }
        _line.Append(value, start, value.Length - start);
    }

    private void FlushLine()
    {
        // Taken before it is written: a write that fails (a full disk) is not tried again on the next flush.
        string line = _line.ToString();
        _line.Clear();
        _inner.Write(_mask.Apply(line));
    }

    public override void Flush()
    {
        if (_line.Length > 0) FlushLine();
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}

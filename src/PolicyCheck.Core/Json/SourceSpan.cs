namespace PolicyCheck.Json;

/// <summary>A region of a source file: 1-based lines and columns, 0-based offset.</summary>
public readonly struct SourceSpan
{
    public SourceSpan(int start, int length, int line, int column, int endLine, int endColumn)
    {
        Start = start;
        Length = length;
        Line = line;
        Column = column;
        EndLine = endLine;
        EndColumn = endColumn;
    }

    public int Start { get; }
    public int Length { get; }
    public int Line { get; }
    public int Column { get; }
    public int EndLine { get; }
    public int EndColumn { get; }

    public static SourceSpan FileStart => new SourceSpan(0, 0, 1, 1, 1, 1);

    public override string ToString() => $"({Line},{Column})";
}

/// <summary>Maps offsets in a text to lines and columns.</summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private static readonly int[] OneLine = { 0 };
    private static readonly char[] LineBreaks = { '\n', '\r' };

    public LineMap(string text)
    {
        int first = text.IndexOfAny(LineBreaks);
        if (first < 0)
        {
            _lineStarts = OneLine;
            return;
        }
        var starts = new System.Collections.Generic.List<int> { 0 };
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    /// <summary>
    /// A text with parts taken out (a batch line's known policies, each left as "0"): from each gap's
    /// <c>At</c> on, offsets in the text are <c>Removed</c> characters further into the original, whose offsets
    /// and columns its spans report. In order; the original's line starts are the text's, mapped.
    /// </summary>
    public LineMap(string text, System.Collections.Generic.IReadOnlyList<(int At, int Removed)> gaps)
        : this(text)
    {
        if (gaps.Count == 0) return;
        _gapAt = new int[gaps.Count];
        _gapShift = new int[gaps.Count];
        for (int i = 0, shift = 0; i < gaps.Count; i++)
        {
            _gapAt[i] = gaps[i].At;
            _gapShift[i] = shift += gaps[i].Removed;
        }
        var starts = new int[_lineStarts.Length];
        for (int i = 0; i < starts.Length; i++) starts[i] = Original(_lineStarts[i]);
        _lineStarts = starts;
    }

    /// <summary>Where each gap is in the text, and how far its offsets are from the original's (all the gaps up to it).</summary>
    private readonly int[]? _gapAt, _gapShift;

    private int Original(int offset)
    {
        if (_gapAt == null) return offset;
        int shift = 0;
        for (int i = 0; i < _gapAt.Length && _gapAt[i] <= offset; i++) shift = _gapShift![i];
        return offset + shift;
    }

    public void GetPosition(int offset, out int line, out int column)
    {
        offset = Original(offset);
        Position(offset, out line, out column);
    }

    private void Position(int original, out int line, out int column)
    {
        if (_lineStarts.Length == 1)
        {
            // One line (a batch line, a minified policy): no search.
            line = 1;
            column = original + 1;
            return;
        }
        // The last line start at or before the offset (a plain search: Array.BinarySearch's comparer costs more).
        int lo = 0, hi = _lineStarts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_lineStarts[mid] <= original) lo = mid;
            else hi = mid - 1;
        }
        line = lo + 1;
        column = original - _lineStarts[lo] + 1;
    }

    public SourceSpan Span(int start, int length)
    {
        int first = Original(start), end = Original(start + length);
        Position(first, out int line, out int column);
        Position(end, out int endLine, out int endColumn);
        return new SourceSpan(first, end - first, line, column, endLine, endColumn);
    }
}

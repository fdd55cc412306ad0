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

    public void GetPosition(int offset, out int line, out int column)
    {
        int index = System.Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        line = index + 1;
        column = offset - _lineStarts[index] + 1;
    }

    public SourceSpan Span(int start, int length)
    {
        GetPosition(start, out int line, out int column);
        GetPosition(start + length, out int endLine, out int endColumn);
        return new SourceSpan(start, length, line, column, endLine, endColumn);
    }
}

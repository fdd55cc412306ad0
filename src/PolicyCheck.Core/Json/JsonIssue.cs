namespace PolicyCheck.Json;

public enum JsonIssueKind
{
    /// <summary>The text is not JSON; parsing stopped here.</summary>
    Syntax,
    /// <summary>Not strict JSON but understood (comments, trailing commas); parsing went on.</summary>
    Tolerated,
    /// <summary>An object repeats a key.</summary>
    DuplicateKey,
    /// <summary>The bytes are not valid text (invalid UTF-8, NUL bytes).</summary>
    Encoding,
    /// <summary>Readable, but unusual encoding (BOM, UTF-16).</summary>
    EncodingNote,
}

public sealed class JsonIssue
{
    public JsonIssue(JsonIssueKind kind, string message, SourceSpan span)
    {
        Kind = kind;
        Message = message;
        Span = span;
    }

    public JsonIssueKind Kind { get; }
    public string Message { get; }
    public SourceSpan Span { get; }
}

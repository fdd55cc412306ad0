using PolicyCheck.Json;

namespace PolicyCheck.Config;

/// <summary>A configured value and where it was written (null path when it is a default).</summary>
public sealed class Located<T>
{
    public Located(T value, string? path, SourceSpan span)
    {
        Value = value;
        Path = path;
        Span = span;
    }

    public T Value { get; }
    public string? Path { get; }
    public SourceSpan Span { get; }
}

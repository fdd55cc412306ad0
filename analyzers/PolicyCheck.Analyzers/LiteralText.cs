using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace PolicyCheck.Analyzers;

/// <summary>Maps offsets in a string literal's value back to the source: escapes, verbatim and raw literals.</summary>
internal sealed class LiteralText
{
    private readonly SyntaxToken _token;
    private readonly int[]? _map;

    private LiteralText(SyntaxToken token, string value, int[]? map)
    {
        _token = token;
        Value = value;
        _map = map;
    }

    public string Value { get; }

    public static LiteralText From(SyntaxToken token)
    {
        string value = token.ValueText;
        int[]? map = null;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
                map = token.Text.StartsWith("@", System.StringComparison.Ordinal) ? Verbatim(token.Text, value) : Regular(token.Text, value);
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
                map = Raw(token.Text, value);
                break;
        }
        return new LiteralText(token, value, map);
    }

    /// <summary>The source location of value[start..start+length]; the whole literal when the map is unknown.</summary>
    public Location Location(int start, int length)
    {
        var tree = _token.SyntaxTree;
        if (tree == null) return Microsoft.CodeAnalysis.Location.None;
        if (_map == null || start < 0 || start > Value.Length) return tree.GetLocation(_token.Span);
        int end = System.Math.Min(Value.Length, start + System.Math.Max(length, 0));
        int from = _map[start];
        int to = end > start ? _map[end] : from;
        return tree.GetLocation(new TextSpan(_token.SpanStart + from, System.Math.Max(0, to - from)));
    }

    private static int[]? Regular(string text, string value)
    {
        var map = new int[value.Length + 1];
        int v = 0, i = 1, end = text.Length - 1;
        while (i < end && v < value.Length)
        {
            map[v] = i;
            if (text[i] != '\\')
            {
                v++;
                i++;
                continue;
            }
            char e = i + 1 < end ? text[i + 1] : '\0';
            int width = e switch
            {
                'u' => 6,
                'U' => 10,
                'x' => HexRun(text, i + 2, end),
                _ => 2,
            };
            // \U above the BMP yields two UTF-16 chars.
            if (e == 'U' && v + 1 < value.Length && char.IsHighSurrogate(value[v]))
            {
                map[v + 1] = i;
                v++;
            }
            v++;
            i += width;
        }
        map[value.Length] = i;
        return v == value.Length ? map : null;
    }

    private static int HexRun(string text, int from, int end)
    {
        int n = 0;
        while (n < 4 && from + n < end && System.Uri.IsHexDigit(text[from + n])) n++;
        return 2 + n;
    }

    private static int[]? Verbatim(string text, string value)
    {
        var map = new int[value.Length + 1];
        int v = 0, i = 2, end = text.Length - 1;
        while (i < end && v < value.Length)
        {
            map[v++] = i;
            i += text[i] == '"' ? 2 : 1;
        }
        map[value.Length] = i;
        return v == value.Length ? map : null;
    }

    private static int[]? Raw(string text, string value)
    {
        int quotes = 0;
        while (quotes < text.Length && text[quotes] == '"') quotes++;
        int bodyEnd = text.Length - quotes;
        var map = new int[value.Length + 1];
        int firstNewline = text.IndexOf('\n', quotes);
        if (firstNewline < 0 || firstNewline >= bodyEnd)
        {
            // Single line: the value is the text between the quotes.
            for (int k = 0; k < value.Length; k++) map[k] = quotes + k;
            map[value.Length] = quotes + value.Length;
            return text.Substring(quotes, bodyEnd - quotes) == value ? map : null;
        }
        int closingLineStart = text.LastIndexOf('\n', bodyEnd - 1) + 1;
        int indent = bodyEnd - closingLineStart;
        int v = 0, i = firstNewline + 1;
        int contentEnd = closingLineStart - 1; // the newline before the closing line is not part of the value
        if (contentEnd > 0 && text[contentEnd - 1] == '\r') contentEnd--;
        while (i < contentEnd && v <= value.Length)
        {
            // Skip the common indentation at the start of each line.
            int skip = 0;
            while (skip < indent && i < contentEnd && (text[i] == ' ' || text[i] == '\t')) { i++; skip++; }
            while (i < contentEnd && text[i] != '\n' && v < value.Length)
            {
                map[v++] = i++;
            }
            if (i < contentEnd && text[i] == '\n')
            {
                if (v < value.Length) map[v++] = i;
                i++;
            }
            else if (i < contentEnd)
            {
                return null;
            }
        }
        map[value.Length] = i;
        return v == value.Length ? map : null;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyCheck.Json;

/// <summary>
/// A JSON parser that records positions, tolerates (and reports) comments and trailing commas,
/// reports duplicate keys, and never recurses deeper than <see cref="MaxDepth"/>.
/// </summary>
public sealed class JsonParser
{
    /// <summary>How the message for too deep a nesting starts.</summary>
    public const string TooDeep = "nesting deeper than";
    public const int DefaultMaxDepth = 64;

    private readonly string _text;
    private readonly LineMap _lines;
    private readonly List<Problem> _issues;
    private readonly int _maxDepth;
    private int _pos;

    private JsonParser(string text, LineMap lines, List<Problem> issues, int maxDepth)
    {
        _text = text;
        _lines = lines;
        _issues = issues;
        _maxDepth = maxDepth;
    }

    public int MaxDepth => _maxDepth;

    /// <summary>Parses <paramref name="text"/>. Returns null when the text is not JSON; the reason is in <paramref name="issues"/>.</summary>
    public static SourceNode? Parse(string text, LineMap lines, List<Problem> issues, int maxDepth = DefaultMaxDepth)
    {
        var parser = new JsonParser(text, lines, issues, maxDepth);
        return parser.ParseDocument();
    }

    private sealed class FatalException : Exception
    {
    }

    private SourceNode? ParseDocument()
    {
        try
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                Fail(_text.Length == 0 ? "the file is empty" : "the file holds no JSON value", _pos, 0);
            }
            var root = ParseValue(0);
            SkipTrivia();
            if (_pos < _text.Length)
            {
                Fail("unexpected text after the end of the JSON document", _pos, 1);
            }
            return root;
        }
        catch (FatalException)
        {
            return null;
        }
    }

    private void Fail(string message, int at, int length)
    {
        _issues.Add(Problem.Parse(ProblemKind.Syntax, message, _lines.Span(at, length)));
        throw new FatalException();
    }

    private void Note(ProblemKind kind, string message, int at, int length)
        => _issues.Add(Problem.Parse(kind, message, _lines.Span(at, length)));

#if NET8_0_OR_GREATER
    private static readonly System.Buffers.SearchValues<char> Blanks = System.Buffers.SearchValues.Create(" \t\n\r");
    /// <summary>Where a string's plain run ends: its closing quote, an escape or a control character (an error).</summary>
    private static readonly System.Buffers.SearchValues<char> StringStops = System.Buffers.SearchValues.Create(StopChars());

    private static string StopChars()
    {
        var chars = new char[34];
        for (int i = 0; i < 32; i++) chars[i] = (char)i;
        chars[32] = '"';
        chars[33] = '\\';
        return new string(chars);
    }
#endif

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                _pos++;
#if NET8_0_OR_GREATER
                // A run of blanks (indentation, a batch line's blanked policies) in one vectorised step.
                if (_pos < _text.Length && _text[_pos] == ' ')
                {
                    int run = _text.AsSpan(_pos).IndexOfAnyExcept(Blanks);
                    _pos = run < 0 ? _text.Length : _pos + run;
                }
#endif
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                int start = _pos;
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
                Note(ProblemKind.Tolerated, "comments are not allowed in JSON; IAM rejects this document", start, _pos - start);
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                int start = _pos;
                int end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0) Fail("unterminated /* comment", start, 2);
                _pos = end + 2;
                Note(ProblemKind.Tolerated, "comments are not allowed in JSON; IAM rejects this document", start, _pos - start);
            }
            else
            {
                break;
            }
        }
    }

    private SourceNode ParseValue(int depth)
    {
        if (_pos >= _text.Length) Fail("unexpected end of file: a value was expected (truncated file?)", _pos, 0);
        char c = _text[_pos];
        switch (c)
        {
            case '{': return ParseObject(depth + 1);
            case '[': return ParseArray(depth + 1);
            case '"': return ParseStringNode();
            case 't': return ParseLiteral("true", NodeKind.True);
            case 'f': return ParseLiteral("false", NodeKind.False);
            case 'n': return ParseLiteral("null", NodeKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                if (c == '\'') Fail("strings must use double quotes, not single quotes", _pos, 1);
                Fail($"unexpected character {Describe(c)}: a value was expected", _pos, 1);
                throw new FatalException();
        }
    }

    private static string Describe(char c)
    {
        if (c < 0x20 || c == 0x7f) return $"U+{(int)c:X4}";
        return "'" + c + "'";
    }

    private void CheckDepth(int depth, int at)
    {
        if (depth > _maxDepth) Fail($"{TooDeep} {_maxDepth} levels; no IAM policy is nested this deep", at, 1);
    }

    /// <summary>The properties and items of the objects and arrays being read, innermost last: each takes its own into an array of its size.</summary>
    private readonly List<SourceProperty> _properties = new List<SourceProperty>();
    private readonly List<SourceNode> _items = new List<SourceNode>();

    private static PolicyCheck.Model.Items<T> Take<T>(List<T> open, int first)
    {
        if (open.Count == first) return PolicyCheck.Model.Items<T>.Empty;
        var taken = new T[open.Count - first];
        open.CopyTo(first, taken, 0, taken.Length);
        open.RemoveRange(first, taken.Length);
        return new PolicyCheck.Model.Items<T>(taken);
    }

    private SourceObject ParseObject(int depth)
    {
        int start = _pos;
        CheckDepth(depth, start);
        _pos++; // {
        int first = _properties.Count;
        Dictionary<string, SourceSpan>? seen = null;
        SkipTrivia();
        if (_pos < _text.Length && _text[_pos] == '}')
        {
            _pos++;
            return new SourceObject(_lines.Span(start, _pos - start), Take(_properties, first));
        }
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length) Fail("unexpected end of file inside an object (truncated file?)", _pos, 0);
            if (_text[_pos] == '}')
            {
                // Only reachable after a comma: a trailing comma.
                _pos++;
                return new SourceObject(_lines.Span(start, _pos - start), Take(_properties, first));
            }
            if (_text[_pos] != '"')
            {
                if (_text[_pos] == '\'') Fail("property names must use double quotes, not single quotes", _pos, 1);
                Fail($"unexpected character {Describe(_text[_pos])}: a property name in double quotes was expected", _pos, 1);
            }
            int nameStart = _pos;
            string name = ParseString();
            var nameSpan = _lines.Span(nameStart, _pos - nameStart);
            SkipTrivia();
            if (_pos >= _text.Length) Fail("unexpected end of file: ':' was expected (truncated file?)", _pos, 0);
            if (_text[_pos] != ':') Fail($"unexpected character {Describe(_text[_pos])}: ':' was expected after the property name", _pos, 1);
            _pos++;
            SkipTrivia();
            var value = ParseValue(depth);
            // Small objects (most of a policy's) are searched in place; a dictionary only from 8 keys on.
            SourceSpan firstSpan = default;
            bool duplicate = false;
            if (seen == null)
            {
                for (int i = first; i < _properties.Count; i++)
                {
                    var p = _properties[i];
                    if (!string.Equals(p.Name, name, StringComparison.Ordinal)) continue;
                    firstSpan = p.NameSpan;
                    duplicate = true;
                    break;
                }
                if (_properties.Count - first >= 8)
                {
                    seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
                    for (int i = first; i < _properties.Count; i++) if (!seen.ContainsKey(_properties[i].Name)) seen[_properties[i].Name] = _properties[i].NameSpan;
                }
            }
            else
            {
                duplicate = seen.TryGetValue(name, out firstSpan);
            }
            if (duplicate)
            {
                _issues.Add(Problem.Parse(ProblemKind.DuplicateKey,
                    $"duplicate key \"{name}\" (first at line {firstSpan.Line}, column {firstSpan.Column}); IAM keeps only one of them",
                    nameSpan));
            }
            else
            {
                seen?.Add(name, nameSpan);
            }
            _properties.Add(new SourceProperty(name, nameSpan, value));
            SkipTrivia();
            if (_pos >= _text.Length) Fail("unexpected end of file inside an object: '}' was expected (truncated file?)", _pos, 0);
            char c = _text[_pos];
            if (c == ',')
            {
                int comma = _pos;
                _pos++;
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == '}')
                {
                    Note(ProblemKind.Tolerated, "trailing comma before '}'; IAM rejects this document", comma, 1);
                }
                continue;
            }
            if (c == '}')
            {
                _pos++;
                return new SourceObject(_lines.Span(start, _pos - start), Take(_properties, first));
            }
            Fail($"unexpected character {Describe(c)}: ',' or '}}' was expected (missing comma?)", _pos, 1);
        }
    }

    private SourceArray ParseArray(int depth)
    {
        int start = _pos;
        CheckDepth(depth, start);
        _pos++; // [
        int first = _items.Count;
        SkipTrivia();
        if (_pos < _text.Length && _text[_pos] == ']')
        {
            _pos++;
            return new SourceArray(_lines.Span(start, _pos - start), Take(_items, first));
        }
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length) Fail("unexpected end of file inside an array (truncated file?)", _pos, 0);
            if (_text[_pos] == ']')
            {
                _pos++;
                return new SourceArray(_lines.Span(start, _pos - start), Take(_items, first));
            }
            var item = ParseValue(depth);
            _items.Add(item);
            SkipTrivia();
            if (_pos >= _text.Length) Fail("unexpected end of file inside an array: ']' was expected (truncated file?)", _pos, 0);
            char c = _text[_pos];
            if (c == ',')
            {
                int comma = _pos;
                _pos++;
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == ']')
                {
                    Note(ProblemKind.Tolerated, "trailing comma before ']'; IAM rejects this document", comma, 1);
                }
                continue;
            }
            if (c == ']')
            {
                _pos++;
                return new SourceArray(_lines.Span(start, _pos - start), Take(_items, first));
            }
            Fail($"unexpected character {Describe(c)}: ',' or ']' was expected (missing comma?)", _pos, 1);
        }
    }

    private SourceScalar ParseStringNode()
    {
        int start = _pos;
        string value = ParseString();
        return new SourceScalar(_lines.Span(start, _pos - start), NodeKind.String, value);
    }

    private string ParseString()
    {
        int start = _pos;
        _pos++; // opening quote
        StringBuilder? sb = null;
        int runStart = _pos;
        while (true)
        {
#if NET8_0_OR_GREATER
            int stop = _text.AsSpan(_pos).IndexOfAny(StringStops);
            _pos = stop < 0 ? _text.Length : _pos + stop;
#endif
            if (_pos >= _text.Length) Fail("unterminated string (truncated file?)", start, 1);
            char c = _text[_pos];
            if (c == '"')
            {
                string result;
                if (sb == null)
                {
                    result = KnownWords.Find(_text, runStart, _pos - runStart) ?? _text.Substring(runStart, _pos - runStart);
                }
                else
                {
                    sb.Append(_text, runStart, _pos - runStart);
                    result = sb.ToString();
                }
                _pos++;
                return result;
            }
            if (c == '\\')
            {
                sb ??= new StringBuilder();
                sb.Append(_text, runStart, _pos - runStart);
                if (_pos + 1 >= _text.Length) Fail("unterminated string (truncated file?)", start, 1);
                char e = _text[_pos + 1];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 6 > _text.Length
                            || !int.TryParse(_text.Substring(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            Fail("invalid \\u escape: four hex digits were expected", _pos, 2);
                            throw new FatalException();
                        }
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        Fail($"invalid escape sequence '\\{e}'", _pos, 2);
                        break;
                }
                _pos += 2;
                runStart = _pos;
                continue;
            }
            if (c < 0x20)
            {
                Fail(c == '\n' || c == '\r'
                    ? "line break inside a string (unterminated string?)"
                    : $"control character {Describe(c)} inside a string must be escaped", _pos, 1);
            }
            _pos++;
        }
    }

    private SourceScalar ParseLiteral(string literal, NodeKind kind)
    {
        int start = _pos;
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            int end = _pos;
            while (end < _text.Length && char.IsLetterOrDigit(_text[end])) end++;
            string word = _text.Substring(_pos, Math.Min(end - _pos, 40));
            Fail($"unexpected word '{word}': strings must be in double quotes", start, Math.Max(1, end - start));
        }
        _pos += literal.Length;
        return new SourceScalar(_lines.Span(start, literal.Length), kind, literal);
    }

    private SourceScalar ParseNumber()
    {
        int start = _pos;
        if (_text[_pos] == '-') _pos++;
        if (_pos >= _text.Length || !IsDigit(_text[_pos])) Fail("invalid number", start, Math.Max(1, _pos - start));
        if (_text[_pos] == '0')
        {
            _pos++;
            if (_pos < _text.Length && IsDigit(_text[_pos])) Fail("numbers must not have leading zeros", start, _pos - start + 1);
        }
        else
        {
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) Fail("invalid number: digits were expected after '.'", start, _pos - start);
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) Fail("invalid number: digits were expected in the exponent", start, _pos - start);
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        return new SourceScalar(_lines.Span(start, _pos - start), NodeKind.Number, _text.Substring(start, _pos - start));
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}

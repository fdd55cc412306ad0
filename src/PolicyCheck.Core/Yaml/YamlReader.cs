using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PolicyCheck.Json;

namespace PolicyCheck.Yaml;

/// <summary>What a caller tells the reader about the file it reads.</summary>
public sealed class YamlOptions
{
    /// <summary>What the file is, for messages: "template", "file".</summary>
    public string Noun { get; set; } = "file";
    /// <summary>Added to the duplicate-key message (e.g. "; CloudFormation rejects the template").</summary>
    public string DuplicateKeySuffix { get; set; } = string.Empty;
    /// <summary>
    /// Turns a tagged node into what it means (CloudFormation's <c>!Sub x</c> into <c>{"Fn::Sub": x}</c>). Returns
    /// null for a tag it does not know, which is then an error with <see cref="UnknownTagHint"/>. Without it, only
    /// the core tags (!!str, !!int, ...) are accepted.
    /// </summary>
    public Func<string, SourceNode, SourceSpan, SourceNode?>? Tag { get; set; }
    public string UnknownTagHint { get; set; } = string.Empty;
}

/// <summary>
/// Reads YAML (the block and flow styles, plain, quoted and block scalars, tags, anchors and aliases) into the
/// positioned tree the JSON parser builds, so one set of readers serves JSON and YAML. No third-party code: the
/// analyzers read policycheck.yml with it. Aliases are followed within a budget (alias bombs stop with an error),
/// nesting is limited, duplicate keys are errors with both positions. Every error is a <see cref="ProblemException"/>.
/// </summary>
public sealed class YamlReader
{
    /// <summary>At most this many values after aliases are expanded.</summary>
    public const int MaxExpandedNodes = 1_000_000;
    public const int MaxDepth = 64;

    private readonly string _s;
    private readonly LineMap _lines;
    private readonly YamlOptions _options;
    private readonly Dictionary<string, (SourceNode Node, long Size)> _anchors = new Dictionary<string, (SourceNode, long)>(StringComparer.Ordinal);
    private long _expanded;
    private int _i;

    private YamlReader(string text, YamlOptions options)
    {
        _s = text;
        _lines = new LineMap(text);
        _options = options;
    }

    /// <summary>The document's root (null for an empty document); throws <see cref="ProblemException"/> naming the position and the reason.</summary>
    public static SourceNode? Read(string text, YamlOptions? options = null) => new YamlReader(text, options ?? new YamlOptions()).Document();

    /// <summary>Like <see cref="Read"/>, with the problem returned instead of thrown.</summary>
    public static SourceNode? Read(string text, YamlOptions? options, out Problem? problem)
    {
        problem = null;
        try
        {
            return Read(text, options);
        }
        catch (ProblemException e)
        {
            problem = Problem.Parse(ProblemKind.Syntax, e.Message, e.Span);
            return null;
        }
    }

    // ---- the document ----

    private SourceNode? Document()
    {
        SkipSpaceAndComments();
        while (At(0) == '%' && Column(_i) == 0)
        {
            if (!StartsWith("%YAML")) throw Fail("only the %YAML directive is supported", _i, LineLength());
            SkipLine();
            SkipSpaceAndComments();
        }
        if (Marker("---")) _i += 3;
        SourceNode? root = null;
        SkipSpaceAndComments();
        if (!AtEnd && !Marker("---") && !Marker("..."))
        {
            root = BlockNode(-1, 0, -2).Node;
        }
        SkipSpaceAndComments();
        if (Marker("..."))
        {
            _i += 3;
            SkipSpaceAndComments();
        }
        if (Marker("---"))
        {
            int at = _i;
            _i += 3;
            SkipSpaceAndComments();
            if (!AtEnd) throw Refuse($"only one YAML document is allowed in a {_options.Noun}", at, 3);
        }
        else if (!AtEnd)
        {
            throw Fail(Column(_i) == 0 || root == null ? "unexpected content after the document" : "bad indentation: this line is not part of the value above it", _i, LineLength());
        }
        return root;
    }

    // ---- block nodes ----

    /// <summary>
    /// A node in block context whose parent is indented <paramref name="parent"/> columns (-1 at the top). The
    /// position is at its first character, or at the end of the line that introduces it. <paramref name="sequenceColumn"/>
    /// is the parent's column when a list may start there (a mapping value: "key:\n- a").
    /// </summary>
    private (SourceNode Node, long Size) BlockNode(int parent, int depth, int sequenceColumn)
    {
        if (depth > MaxDepth) throw Refuse($"the {_options.Noun} is nested more than {MaxDepth} levels deep", _i, 1);
        SkipSpaces();
        int expected = _i;
        if (AtBreakOrComment()) SkipSpaceAndComments();
        bool Here() => !AtEnd && !IsDocumentMarker() && (Column(_i) > parent || (Column(_i) == sequenceColumn && IsSequenceDash()));
        if (!Here())
        {
            _i = expected;
            return (Scalar(expected, expected, NodeKind.Null, string.Empty), Count(1, expected));
        }
        int from = _i;
        string? tag = null, anchor = null;
        if (At(0) == '!' || At(0) == '&')
        {
            ReadProperties(ref tag, ref anchor, flow: false);
            SkipSpaces();
            if (AtBreakOrComment())
            {
                // The content is on the lines below, or there is none: "Value: !If\n  - ...".
                int lineEnd = _i;
                SkipSpaceAndComments();
                if (!Here())
                {
                    _i = lineEnd;
                    return Finish(Scalar(from, lineEnd, NodeKind.String, string.Empty), 1, tag, anchor, from);
                }
            }
            else if (IsMappingKeyAhead())
            {
                throw Fail("a tag or anchor on a mapping key is not supported", from, _i - from);
            }
        }
        int contentStart = _i;
        int column = Column(contentStart);
        char c = At(0);
        if (c == '*')
        {
            if (tag != null || anchor != null) throw Fail("an alias cannot have a tag or an anchor", from, _i - from + 1);
            if (IsMappingKeyAhead()) throw Fail("an alias as a mapping key is not supported", contentStart, 1);
            var alias = Alias();
            EndOfLine();
            return alias;
        }
        if (IsSequenceDash())
        {
            var (seq, size) = BlockSequence(column, depth);
            return Finish(seq, size, tag, anchor, from);
        }
        if (c == '?' && (IsBlank(At(1)) || IsBreak(At(1)))) throw Fail("explicit mapping keys (\"? \") are not supported", contentStart, 1);
        if (c == '|' || c == '>') return Finish(BlockScalar(parent, from), 1, tag, anchor, from);
        if (c == '[' || c == '{')
        {
            var (flowNode, flowSize) = FlowNode(depth);
            SkipSpaces();
            if (At(0) == ':') throw Fail("a flow collection as a mapping key is not supported", contentStart, 1);
            EndOfLine();
            return Finish(flowNode, flowSize, tag, anchor, from);
        }
        if (IsMappingKeyAhead())
        {
            var (map, size) = BlockMapping(column, depth);
            return Finish(map, size, tag, anchor, from);
        }
        var scalar = c == '"' || c == '\'' ? Quoted(c) : Plain(parent, flow: false);
        EndOfLine();
        return Finish(scalar, 1, tag, anchor, from);
    }

    /// <summary>Applies the tag and anchor; a scalar counts against the alias budget here.</summary>
    private (SourceNode Node, long Size) Finish(SourceNode node, long size, string? tag, string? anchor, int from)
    {
        if (node is SourceScalar) size = Count(1, from);
        if (from < node.Span.Start)
        {
            int stop = node.Span.Start + node.Span.Length;
            node = Respan(node, _lines.Span(from, Math.Max(0, stop - from)));
        }
        if (tag != null) node = Tagged(tag, node, from);
        if (anchor != null) _anchors[anchor] = (node, size);
        return (node, size);
    }

    private (SourceNode, long) BlockMapping(int indent, int depth)
    {
        var props = new List<SourceProperty>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        int start = _i;
        long size = Count(1, start);
        while (true)
        {
            int keyStart = _i;
            char c = At(0);
            if (c == '!' || c == '&') throw Fail("a tag or anchor on a mapping key is not supported", keyStart, 1);
            if (c == '*') throw Fail("an alias as a mapping key is not supported", keyStart, 1);
            if (c == '?' && IsBlank(At(1))) throw Fail("explicit mapping keys (\"? \") are not supported", keyStart, 1);
            if (c == '[' || c == '{') throw Fail("a flow collection as a mapping key is not supported", keyStart, 1);
            if (IsSequenceDash()) throw Fail("a list item where a mapping key was expected", keyStart, 1);
            SourceScalar key = c == '"' || c == '\'' ? Quoted(c) : PlainKey();
            if (Line(key.Span.Start) != Line(_i)) throw Fail("a mapping key must be on one line", keyStart, 1);
            SkipSpaces();
            if (At(0) != ':') throw Fail("a mapping key needs \":\" after it", _i, 1);
            _i++;
            if (key.Text == "<<" && key.Kind != NodeKind.String) throw Refuse("merge keys (<<) are not supported", key.Span.Start, 2);
            if (key.Text == "<<") throw Refuse("merge keys (<<) are not supported", key.Span.Start, key.Span.Length);
            if (seen.TryGetValue(key.Text, out var first))
                throw Refuse($"duplicate key \"{key.Text}\" (first at line {first.Line}){_options.DuplicateKeySuffix}", key.Span.Start, key.Span.Length);
            seen[key.Text] = key.Span;
            SkipSpaces();
            if (IsSequenceDash() && !AtBreakOrComment()) throw Fail("a list cannot start on the line of its key", _i, 1);
            if (!AtBreakOrComment() && IsMappingKeyAhead() && At(0) != '"' && At(0) != '\'' && At(0) != '!' && At(0) != '&' && At(0) != '[' && At(0) != '{' && At(0) != '|' && At(0) != '>')
                throw Fail("mapping values are not allowed here (a nested mapping must start on its own line)", _i, 1);
            var (value, valueSize) = BlockNode(indent, depth + 1, indent);
            props.Add(new SourceProperty(key.Text, key.Span, value));
            size += valueSize;
            SkipSpaceAndComments();
            if (AtEnd || IsDocumentMarker()) break;
            int col = Column(_i);
            if (col < indent) break;
            if (col > indent) throw Fail("bad indentation of a mapping entry", _i, 1);
            if (IsSequenceDash()) break; // the parent sequence goes on
        }
        return (new SourceObject(_lines.Span(start, Math.Max(0, _i - start)), props), size);
    }

    private (SourceNode, long) BlockSequence(int indent, int depth)
    {
        var items = new List<SourceNode>();
        int start = _i;
        long size = Count(1, start);
        while (true)
        {
            _i++; // the dash
            var (item, itemSize) = BlockNode(indent, depth + 1, -2);
            items.Add(item);
            size += itemSize;
            SkipSpaceAndComments();
            if (AtEnd || IsDocumentMarker()) break;
            int col = Column(_i);
            if (col < indent) break;
            if (col > indent) throw Fail("bad indentation of a list item", _i, 1);
            if (!IsSequenceDash()) break; // a key of the mapping this list is the value of
        }
        return (new SourceArray(_lines.Span(start, Math.Max(0, _i - start)), items), size);
    }

    // ---- scalars ----

    private SourceScalar PlainKey()
    {
        int start = _i;
        while (!AtEnd && !IsBreak(At(0)))
        {
            if (At(0) == ':' && EndsToken(1)) break;
            if (At(0) == '#' && _i > start && IsBlank(_s[_i - 1])) break;
            _i++;
        }
        int end = _i;
        while (end > start && IsBlank(_s[end - 1])) end--;
        string text = _s.Substring(start, end - start);
        return Scalar(start, end, NodeKind.String, text);
    }

    /// <summary>A plain scalar; in block context it may go on over more-indented lines (folded with spaces).</summary>
    private SourceScalar Plain(int parent, bool flow)
    {
        int start = _i;
        var sb = new StringBuilder();
        int end = ReadPlainLine(flow, start);
        sb.Append(_s, start, end - start);
        int lastEnd = end;
        while (true)
        {
            // Look at the following lines: a continuation is more indented than the parent and is not a comment.
            int save = _i;
            int breaks = 0;
            SkipSpaces();
            if (!AtBreak()) { _i = save; break; }
            while (AtBreak())
            {
                SkipBreak();
                breaks++;
                SkipSpaces(tabs: true);
            }
            if (AtEnd || At(0) == '#' || IsDocumentMarker() || (!flow && Column(_i) <= parent) || (flow && IsFlowIndicator(At(0))))
            {
                _i = save;
                break;
            }
            if (!flow && (IsSequenceDash() && Column(_i) <= parent + 1)) { _i = save; break; }
            int lineStart = _i;
            int lineEnd = ReadPlainLine(flow, lineStart);
            if (lineEnd == lineStart) { _i = save; break; }
            if (breaks == 1) sb.Append(' ');
            else sb.Append('\n', breaks - 1);
            sb.Append(_s, lineStart, lineEnd - lineStart);
            lastEnd = lineEnd;
        }
        _i = lastEnd;
        string text = sb.ToString();
        return Scalar(start, lastEnd, Resolve(text), text);
    }

    /// <summary>Reads one line of a plain scalar from the position; returns where its text ends (trailing blanks dropped).</summary>
    private int ReadPlainLine(bool flow, int lineStart)
    {
        while (!AtEnd && !IsBreak(At(0)))
        {
            char c = At(0);
            if (c == ':' && (EndsToken(1) || (flow && IsFlowIndicator(At(1))))) break;
            if (c == '#' && _i > lineStart && IsBlank(_s[_i - 1])) break;
            if (flow && IsFlowIndicator(c)) break;
            _i++;
        }
        int end = _i;
        while (end > lineStart && IsBlank(_s[end - 1])) end--;
        return end;
    }

    private SourceScalar Quoted(char quote)
    {
        int start = _i;
        _i++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw Fail($"the {(quote == '"' ? "double" : "single")}-quoted string is not closed", start, 1);
            char c = At(0);
            if (c == quote)
            {
                if (quote == '\'' && At(1) == '\'')
                {
                    sb.Append('\'');
                    _i += 2;
                    continue;
                }
                _i++;
                break;
            }
            if (IsBreak(c))
            {
                // Line folding: trailing blanks go, one break is a space, more breaks keep n-1 newlines.
                int trim = sb.Length;
                while (trim > 0 && (sb[trim - 1] == ' ' || sb[trim - 1] == '\t')) trim--;
                sb.Length = trim;
                int breaks = 0;
                while (AtBreak())
                {
                    SkipBreak();
                    breaks++;
                    SkipSpaces(tabs: true);
                }
                if (IsDocumentMarker()) throw Fail("a document marker inside a quoted string", _i, 3);
                if (breaks == 1) sb.Append(' ');
                else sb.Append('\n', breaks - 1);
                continue;
            }
            if (quote == '"' && c == '\\')
            {
                Escape(sb);
                continue;
            }
            sb.Append(c);
            _i++;
        }
        return Scalar(start, _i, NodeKind.String, sb.ToString());
    }

    private void Escape(StringBuilder sb)
    {
        int at = _i;
        char e = At(1);
        _i += 2;
        switch (e)
        {
            case '0': sb.Append('\0'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 't': case '\t': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'v': sb.Append('\v'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case 'e': sb.Append('\x1b'); break;
            case ' ': sb.Append(' '); break;
            case '"': sb.Append('"'); break;
            case '/': sb.Append('/'); break;
            case '\\': sb.Append('\\'); break;
            case 'N': sb.Append('\u0085'); break;
            case '_': sb.Append('\u00a0'); break;
            case 'L': sb.Append('\u2028'); break;
            case 'P': sb.Append('\u2029'); break;
            case 'x': sb.Append(Hex(at, 2)); break;
            case 'u': sb.Append(Hex(at, 4)); break;
            case 'U': sb.Append(Hex(at, 8)); break;
            case '\r':
            case '\n':
                // An escaped line break: the lines join without a space.
                _i--;
                SkipBreak();
                SkipSpaces(tabs: true);
                break;
            default:
                throw Fail($"unknown escape \\{(e == '\0' ? string.Empty : e.ToString())} in a double-quoted string", at, 2);
        }
    }

    private string Hex(int at, int digits)
    {
        if (_i + digits > _s.Length) throw Fail("the escape needs " + digits + " hex digits", at, _s.Length - at);
        string hex = _s.Substring(_i, digits);
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) || code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            throw Fail($"\\{_s[at + 1]}{hex} is not a character", at, digits + 2);
        _i += digits;
        return char.ConvertFromUtf32(code);
    }

    /// <summary>A literal (|) or folded (>) block scalar whose parent is indented <paramref name="parent"/> columns.</summary>
    private SourceScalar BlockScalar(int parent, int from)
    {
        bool folded = At(0) == '>';
        _i++;
        char chomp = 'c';
        int explicitIndent = 0;
        for (int k = 0; k < 2; k++)
        {
            char h = At(0);
            if ((h == '-' || h == '+') && chomp == 'c') { chomp = h; _i++; }
            else if (h >= '1' && h <= '9' && explicitIndent == 0) { explicitIndent = h - '0'; _i++; }
        }
        SkipSpaces();
        if (At(0) == '#' && IsBlank(_s[_i - 1])) while (!AtEnd && !IsBreak(At(0))) _i++;
        if (!AtEnd && !IsBreak(At(0))) throw Fail("a block scalar header is \"|\" or \">\" with an optional \"-\", \"+\" or indentation digit, then the end of the line", _i, 1);
        int headerEnd = _i;
        int indent = explicitIndent > 0 ? Math.Max(parent, 0) + explicitIndent : -1;
        var lines = new List<string?>(); // null: an empty line
        int lastContent = -1, contentEnd = headerEnd, pos = headerEnd;
        while (pos < _s.Length)
        {
            if (_s[pos] == '\r' && pos + 1 < _s.Length && _s[pos + 1] == '\n') pos += 2;
            else pos++;
            if (pos >= _s.Length) break;
            int spaces = 0;
            while (pos + spaces < _s.Length && _s[pos + spaces] == ' ') spaces++;
            int lineEnd = pos + spaces;
            while (lineEnd < _s.Length && !IsBreak(_s[lineEnd])) lineEnd++;
            bool empty = pos + spaces == lineEnd;
            if (!empty && indent < 0)
            {
                if (spaces <= parent) break;
                indent = spaces;
            }
            if (!empty && spaces < indent) break;
            if (IsDocumentMarkerAt(pos)) break;
            if (empty && indent >= 0 && spaces > indent && !folded) lines.Add(_s.Substring(pos + indent, lineEnd - pos - indent));
            else if (empty) lines.Add(null);
            else
            {
                lines.Add(_s.Substring(pos + indent, lineEnd - pos - indent));
                lastContent = lines.Count - 1;
                contentEnd = lineEnd;
            }
            pos = lineEnd;
        }
        var sb = new StringBuilder();
        if (!folded)
        {
            for (int n = 0; n <= lastContent; n++)
            {
                if (n > 0) sb.Append('\n');
                sb.Append(lines[n]);
            }
        }
        else
        {
            int empties = 0;
            bool first = true, previousMore = false;
            for (int n = 0; n <= lastContent; n++)
            {
                string? line = lines[n];
                if (line == null) { empties++; continue; }
                bool more = line.Length > 0 && (line[0] == ' ' || line[0] == '\t');
                if (first) sb.Append('\n', empties);
                else if (!more && !previousMore) { if (empties == 0) sb.Append(' '); else sb.Append('\n', empties); }
                else sb.Append('\n', empties + 1);
                sb.Append(line);
                first = false;
                previousMore = more;
                empties = 0;
            }
        }
        bool finalBreak = lastContent >= 0 && contentEnd < _s.Length;
        int trailing = lines.Count - lastContent - 1;
        if (chomp == 'c' && finalBreak) sb.Append('\n');
        if (chomp == '+')
        {
            if (finalBreak) sb.Append('\n');
            sb.Append('\n', lastContent >= 0 ? trailing : lines.Count);
        }
        _i = lastContent >= 0 ? contentEnd : headerEnd;
        return Scalar(from, _i, NodeKind.String, sb.ToString());
    }

    // ---- flow nodes ----

    private (SourceNode Node, long Size) FlowNode(int depth)
    {
        if (depth > MaxDepth) throw Refuse($"the {_options.Noun} is nested more than {MaxDepth} levels deep", _i, 1);
        SkipFlowSpace();
        int from = _i;
        string? tag = null, anchor = null;
        if (At(0) == '!' || At(0) == '&')
        {
            ReadProperties(ref tag, ref anchor, flow: true);
            SkipFlowSpace();
        }
        char c = At(0);
        if (AtEnd) throw Fail("the YAML ends inside a flow collection", _i, 0);
        if (c == '*')
        {
            if (tag != null || anchor != null) throw Fail("an alias cannot have a tag or an anchor", from, _i - from + 1);
            return Alias();
        }
        SourceNode node;
        long size;
        if (c == '[')
        {
            (node, size) = FlowSequence(depth);
        }
        else if (c == '{')
        {
            (node, size) = FlowMapping(depth);
        }
        else if (c == '"' || c == '\'')
        {
            node = Quoted(c);
            size = 1;
        }
        else if (c == ',' || c == ']' || c == '}' || (c == ':' && (IsBlank(At(1)) || IsFlowIndicator(At(1)))))
        {
            node = Scalar(_i, _i, tag != null ? NodeKind.String : NodeKind.Null, string.Empty);
            size = 1;
        }
        else
        {
            if (c == '#') throw Fail("a comment inside a flow collection must follow a space", _i, 1);
            if (c == '@' || c == '`') throw Fail($"a plain value cannot start with \"{c}\"", _i, 1);
            node = Plain(-1, flow: true);
            size = 1;
        }
        return Finish(node, size, tag, anchor, from);
    }

    private (SourceNode, long) FlowSequence(int depth)
    {
        int start = _i;
        _i++;
        var items = new List<SourceNode>();
        long size = Count(1, start);
        while (true)
        {
            SkipFlowSpace();
            if (AtEnd) throw Fail("the YAML ends inside a flow list: \"]\" is missing", start, 1);
            if (At(0) == ']') { _i++; break; }
            if (At(0) == ',') throw Fail("an empty entry in a flow list", _i, 1);
            int itemStart = _i;
            var (item, itemSize) = FlowNode(depth + 1);
            SkipFlowSpace();
            if (At(0) == ':')
            {
                // A single-pair mapping inside a list: [key: value].
                if (item is not SourceScalar k) throw Fail("a mapping key must be a scalar", itemStart, 1);
                _i++;
                var (value, valueSize) = FlowValue(depth + 1);
                item = new SourceObject(_lines.Span(itemStart, _i - itemStart), new[] { new SourceProperty(k.Text, k.Span, value) });
                itemSize += valueSize + 1;
                SkipFlowSpace();
            }
            items.Add(item);
            size += itemSize;
            if (At(0) == ',') { _i++; continue; }
            if (At(0) == ']') { _i++; break; }
            if (AtEnd) throw Fail("the YAML ends inside a flow list: \"]\" is missing", start, 1);
            throw Fail("expected \",\" or \"]\" in a flow list", _i, 1);
        }
        return (new SourceArray(_lines.Span(start, _i - start), items), size);
    }

    private (SourceNode, long) FlowMapping(int depth)
    {
        int start = _i;
        _i++;
        var props = new List<SourceProperty>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        long size = Count(1, start);
        while (true)
        {
            SkipFlowSpace();
            if (AtEnd) throw Fail("the YAML ends inside a flow mapping: \"}\" is missing", start, 1);
            if (At(0) == '}') { _i++; break; }
            if (At(0) == ',') throw Fail("an empty entry in a flow mapping", _i, 1);
            if (At(0) == '?' && IsBlank(At(1))) throw Fail("explicit mapping keys (\"? \") are not supported", _i, 1);
            int keyStart = _i;
            var (keyNode, _) = FlowNode(depth + 1);
            if (keyNode is not SourceScalar key) throw Fail("a mapping key must be a scalar", keyStart, 1);
            if (key.Text == "<<") throw Refuse("merge keys (<<) are not supported", key.Span.Start, key.Span.Length);
            if (seen.TryGetValue(key.Text, out var first))
                throw Refuse($"duplicate key \"{key.Text}\" (first at line {first.Line}){_options.DuplicateKeySuffix}", key.Span.Start, key.Span.Length);
            seen[key.Text] = key.Span;
            SkipFlowSpace();
            SourceNode value;
            long valueSize;
            if (At(0) == ':')
            {
                _i++;
                (value, valueSize) = FlowValue(depth + 1);
            }
            else
            {
                value = Scalar(_i, _i, NodeKind.Null, string.Empty);
                valueSize = Count(1, _i);
            }
            props.Add(new SourceProperty(key.Text, key.Span, value));
            size += valueSize;
            SkipFlowSpace();
            if (At(0) == ',') { _i++; continue; }
            if (At(0) == '}') { _i++; break; }
            if (AtEnd) throw Fail("the YAML ends inside a flow mapping: \"}\" is missing", start, 1);
            throw Fail("expected \",\" or \"}\" in a flow mapping", _i, 1);
        }
        return (new SourceObject(_lines.Span(start, _i - start), props), size);
    }

    private (SourceNode, long) FlowValue(int depth)
    {
        SkipFlowSpace();
        if (At(0) == ',' || At(0) == '}' || At(0) == ']') return (Scalar(_i, _i, NodeKind.Null, string.Empty), Count(1, _i));
        return FlowNode(depth);
    }

    // ---- properties and aliases ----

    private void ReadProperties(ref string? tag, ref string? anchor, bool flow)
    {
        for (int k = 0; k < 2; k++)
        {
            if (At(0) == '!' && tag == null)
            {
                int start = _i;
                if (At(1) == '<')
                {
                    int close = _s.IndexOf('>', _i);
                    if (close < 0) throw Fail("a verbatim tag !<...> is not closed", start, 2);
                    tag = _s.Substring(_i + 2, close - _i - 2);
                    _i = close + 1;
                }
                else
                {
                    _i++;
                    while (!AtEnd && !IsBlank(At(0)) && !IsBreak(At(0)) && !(flow && IsFlowIndicator(At(0)))) _i++;
                    tag = _s.Substring(start, _i - start);
                    if (tag.StartsWith("!!", StringComparison.Ordinal)) tag = "tag:yaml.org,2002:" + tag.Substring(2);
                }
                SkipSpaces();
            }
            else if (At(0) == '&' && anchor == null)
            {
                int start = ++_i;
                while (!AtEnd && !IsBlank(At(0)) && !IsBreak(At(0)) && !IsFlowIndicator(At(0))) _i++;
                if (_i == start) throw Fail("an anchor needs a name", start - 1, 1);
                anchor = _s.Substring(start, _i - start);
                SkipSpaces();
            }
        }
    }

    private (SourceNode, long) Alias()
    {
        int start = _i++;
        while (!AtEnd && !IsBlank(At(0)) && !IsBreak(At(0)) && !IsFlowIndicator(At(0))) _i++;
        string name = _s.Substring(start + 1, _i - start - 1);
        if (name.Length == 0) throw Fail("an alias needs a name", start, 1);
        if (!_anchors.TryGetValue(name, out var anchored)) throw Refuse($"alias *{name} names no anchor", start, _i - start);
        _expanded += anchored.Size;
        if (_expanded > MaxExpandedNodes) throw Bomb(start);
        return anchored;
    }

    private SourceNode Tagged(string tag, SourceNode node, int at)
    {
        if (tag == "!") return node;
        if (tag == "tag:yaml.org,2002:str" && node is SourceScalar str) return new SourceScalar(node.Span, NodeKind.String, str.Text);
        if (tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)) return node is SourceScalar s ? new SourceScalar(node.Span, NodeKind.String, s.Text) : node;
        var meant = _options.Tag?.Invoke(tag, node is SourceScalar sc && sc.Kind != NodeKind.String ? new SourceScalar(sc.Span, NodeKind.String, sc.Text) : node, node.Span);
        if (meant != null) return meant;
        throw Refuse($"unknown tag {tag}{_options.UnknownTagHint}", at, tag.Length);
    }

    // ---- helpers ----

    private static SourceNode Respan(SourceNode node, SourceSpan span) => node switch
    {
        SourceScalar s => new SourceScalar(span, s.Kind, s.Text),
        SourceArray a => new SourceArray(span, a.Items),
        SourceObject o => new SourceObject(span, o.Properties),
        _ => node,
    };

    private SourceScalar Scalar(int start, int end, NodeKind kind, string text) => new SourceScalar(_lines.Span(start, Math.Max(0, end - start)), kind, text);

    private static NodeKind Resolve(string text)
    {
        switch (text)
        {
            case "true": case "True": case "TRUE": return NodeKind.True;
            case "false": case "False": case "FALSE": return NodeKind.False;
            case "null": case "Null": case "NULL": case "~": case "": return NodeKind.Null;
        }
        return text.Length < 32 && text[0] != '.' && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? NodeKind.Number
            : NodeKind.String;
    }

    private long Count(long n, int at)
    {
        _expanded += n;
        if (_expanded > MaxExpandedNodes) throw Bomb(at);
        return n;
    }

    private ProblemException Bomb(int at) => Refuse($"the YAML expands to more than {MaxExpandedNodes:N0} values through aliases (an alias bomb?)", at, 1);

    /// <summary>Text that is not YAML.</summary>
    private ProblemException Fail(string message, int at, int length) => Refuse("not valid YAML: " + message, at, length);

    /// <summary>YAML that a policy reader refuses (duplicate keys, alias bombs, unknown tags, ...).</summary>
    private ProblemException Refuse(string message, int at, int length)
    {
        at = Math.Min(Math.Max(0, at), _s.Length);
        return new ProblemException(message, _lines.Span(at, Math.Max(0, Math.Min(length, _s.Length - at))));
    }

    /// <summary>After a value on its line only blanks and a comment may follow.</summary>
    private void EndOfLine()
    {
        SkipSpaces();
        if (AtEnd || IsBreak(At(0))) return;
        if (At(0) == '#' && IsBlank(_s[_i - 1])) return;
        if (At(0) == ':' ) throw Fail("mapping values are not allowed here", _i, 1);
        throw Fail("unexpected text after the value", _i, 1);
    }

    private bool AtEnd => _i >= _s.Length;
    /// <summary>True when the character k ahead is a blank, a line break or the end.</summary>
    private bool EndsToken(int k) => AtEndAt(k) || IsBlank(At(k)) || IsBreak(At(k));
    private bool AtEndAt(int k) => _i + k >= _s.Length;
    private char At(int k) => _i + k < _s.Length ? _s[_i + k] : '\0';
    private static bool IsBreak(char c) => c == '\n' || c == '\r';
    private static bool IsBlank(char c) => c == ' ' || c == '\t';
    private static bool IsFlowIndicator(char c) => c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    private bool AtBreak() => !AtEnd && IsBreak(At(0));
    private bool AtBreakOrComment() => AtEnd || IsBreak(At(0)) || (At(0) == '#' && (_i == 0 || IsBlank(_s[_i - 1]) || IsBreak(_s[_i - 1])));
    private bool IsSequenceDash() => At(0) == '-' && (IsBlank(At(1)) || IsBreak(At(1)) || AtEndAt(1));
    private bool StartsWith(string s) => string.CompareOrdinal(_s, _i, s, 0, s.Length) == 0;

    private int Column(int offset)
    {
        _lines.GetPosition(offset, out _, out int column);
        return column - 1;
    }

    private int Line(int offset)
    {
        _lines.GetPosition(offset, out int line, out _);
        return line;
    }

    private int LineLength()
    {
        int end = _i;
        while (end < _s.Length && !IsBreak(_s[end])) end++;
        return end - _i;
    }

    private bool Marker(string marker) => IsDocumentMarkerAt(_i) && StartsWith(marker);
    private bool IsDocumentMarker() => IsDocumentMarkerAt(_i);

    private bool IsDocumentMarkerAt(int at)
    {
        if (at + 3 > _s.Length || Column(at) != 0) return false;
        bool dashes = _s[at] == '-' && _s[at + 1] == '-' && _s[at + 2] == '-';
        bool dots = _s[at] == '.' && _s[at + 1] == '.' && _s[at + 2] == '.';
        return (dashes || dots) && (at + 3 == _s.Length || IsBlank(_s[at + 3]) || IsBreak(_s[at + 3]));
    }

    /// <summary>True when a "key:" starts at the position on this line (a plain or quoted scalar followed by ": ").</summary>
    private bool IsMappingKeyAhead()
    {
        int k = _i;
        if (k >= _s.Length) return false;
        char q = _s[k];
        if (q == '"' || q == '\'')
        {
            k++;
            while (k < _s.Length && !IsBreak(_s[k]))
            {
                if (_s[k] == '\\' && q == '"') { k += 2; continue; }
                if (_s[k] == q)
                {
                    if (q == '\'' && k + 1 < _s.Length && _s[k + 1] == '\'') { k += 2; continue; }
                    break;
                }
                k++;
            }
            if (k >= _s.Length || IsBreak(_s[k])) return false;
            k++;
            while (k < _s.Length && IsBlank(_s[k])) k++;
            return k < _s.Length && _s[k] == ':' && (k + 1 >= _s.Length || IsBlank(_s[k + 1]) || IsBreak(_s[k + 1]));
        }
        if (q == '[' || q == '{' || q == '|' || q == '>' || q == '#' || q == '*' || q == '!' || q == '&') return false;
        while (k < _s.Length && !IsBreak(_s[k]))
        {
            if (_s[k] == ':' && (k + 1 >= _s.Length || IsBlank(_s[k + 1]) || IsBreak(_s[k + 1]))) return true;
            if (_s[k] == '#' && k > _i && IsBlank(_s[k - 1])) return false;
            k++;
        }
        return false;
    }

    private void SkipSpaces(bool tabs = true)
    {
        while (!AtEnd && (At(0) == ' ' || (tabs && At(0) == '\t'))) _i++;
    }

    private void SkipBreak()
    {
        if (At(0) == '\r' && At(1) == '\n') _i += 2;
        else if (AtBreak()) _i++;
    }

    private void SkipLine()
    {
        while (!AtEnd && !IsBreak(At(0))) _i++;
        SkipBreak();
    }

    /// <summary>Skips blanks, comments and line breaks; an indentation made of tabs is an error.</summary>
    private void SkipSpaceAndComments()
    {
        while (!AtEnd)
        {
            char c = At(0);
            if (c == ' ') { _i++; continue; }
            if (c == '\t')
            {
                int lineStart = _i;
                while (lineStart > 0 && !IsBreak(_s[lineStart - 1])) lineStart--;
                bool indentation = true;
                for (int k = lineStart; k < _i; k++) if (_s[k] != ' ' && _s[k] != '\t') { indentation = false; break; }
                int next = _i;
                while (next < _s.Length && (_s[next] == ' ' || _s[next] == '\t')) next++;
                bool blankLine = next >= _s.Length || IsBreak(_s[next]) || _s[next] == '#';
                if (indentation && !blankLine) throw Fail("tabs are not allowed in indentation", _i, 1);
                _i++;
                continue;
            }
            if (IsBreak(c)) { SkipBreak(); continue; }
            if (c == '#' && (_i == 0 || IsBlank(_s[_i - 1]) || IsBreak(_s[_i - 1])))
            {
                while (!AtEnd && !IsBreak(At(0))) _i++;
                continue;
            }
            break;
        }
    }

    private void SkipFlowSpace()
    {
        while (!AtEnd)
        {
            char c = At(0);
            if (c == ' ' || c == '\t') { _i++; continue; }
            if (IsBreak(c)) { SkipBreak(); continue; }
            if (c == '#' && (_i == 0 || IsBlank(_s[_i - 1]) || IsBreak(_s[_i - 1])))
            {
                while (!AtEnd && !IsBreak(At(0))) _i++;
                continue;
            }
            break;
        }
    }
}

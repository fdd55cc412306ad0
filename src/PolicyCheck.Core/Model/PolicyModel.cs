using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Model;

public enum DocumentKind
{
    /// <summary>An identity-based (permission) policy attached to the role.</summary>
    Permission,
    /// <summary>A role trust policy (the role's AssumeRolePolicyDocument).</summary>
    Trust,
    /// <summary>Some other resource-based policy; only grammar rules apply.</summary>
    Resource,
}

/// <summary>A string from the source with its position.</summary>
public sealed class StringValue
{
    public StringValue(string value, SourceSpan span)
    {
        Value = value;
        Span = span;
    }

    public string Value { get; }
    public SourceSpan Span { get; }

    /// <summary>"service:Action" split once (Names.SplitAction), for the many rules that ask.</summary>
    internal string[]? ActionParts { get; set; }

    public override string ToString() => Value;
}

/// <summary>Action, NotAction, Resource or NotResource: one string or a list of them.</summary>
public sealed class ValueList
{
    public ValueList(string name, SourceSpan keySpan, IReadOnlyList<StringValue> values, bool isArray)
    {
        Name = name;
        KeySpan = keySpan;
        Values = Items.From(values);
        IsArray = isArray;
    }

    public string Name { get; }
    public SourceSpan KeySpan { get; }
    public Items<StringValue> Values { get; }
    public bool IsArray { get; }
    public bool IsNot => Name.StartsWith("Not", System.StringComparison.Ordinal);
}

public sealed class PrincipalEntry
{
    public PrincipalEntry(string type, SourceSpan typeSpan, StringValue value)
    {
        Type = type;
        TypeSpan = typeSpan;
        Value = value;
    }

    /// <summary>AWS, Service, Federated, CanonicalUser or "*" for the bare wildcard form.</summary>
    public string Type { get; }
    public SourceSpan TypeSpan { get; }
    public StringValue Value { get; }
}

/// <summary>Principal or NotPrincipal.</summary>
public sealed class PrincipalElement
{
    public PrincipalElement(string name, SourceSpan keySpan, IReadOnlyList<PrincipalEntry> entries)
    {
        Name = name;
        KeySpan = keySpan;
        Entries = Items.From(entries);
    }

    public string Name { get; }
    public SourceSpan KeySpan { get; }
    public Items<PrincipalEntry> Entries { get; }
    public bool IsNot => Name == "NotPrincipal";
}

public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>One operator/key pair of a Condition block with its values.</summary>
public sealed class ConditionClause
{
    public ConditionClause(StringValue op, string baseOperator, SetQualifier qualifier, bool ifExists, StringValue key, IReadOnlyList<StringValue> values)
    {
        Operator = op;
        BaseOperator = baseOperator;
        Qualifier = qualifier;
        IfExists = ifExists;
        Key = key;
        Values = Items.From(values);
    }

    /// <summary>The operator as written, e.g. "ForAnyValue:StringLikeIfExists".</summary>
    public StringValue Operator { get; }
    /// <summary>The operator without qualifier and IfExists, e.g. "StringLike".</summary>
    public string BaseOperator { get; }
    public SetQualifier Qualifier { get; }
    public bool IfExists { get; }
    public StringValue Key { get; }
    public Items<StringValue> Values { get; }
}

public sealed class ConditionElement
{
    public ConditionElement(SourceSpan keySpan, IReadOnlyList<ConditionClause> clauses, bool isEmpty)
    {
        KeySpan = keySpan;
        Clauses = Items.From(clauses);
        IsEmpty = isEmpty;
    }

    public SourceSpan KeySpan { get; }
    public Items<ConditionClause> Clauses { get; }
    public bool IsEmpty { get; }
}

public sealed class Statement
{
    public int Index { get; internal set; }
    public SourceSpan Span { get; internal set; }
    /// <summary>The statement's JSON object, to tell a missing element from one of the wrong type.</summary>
    public SourceObject? Json { get; internal set; }

    public bool HasKey(string name) => Json != null && Json.Get(name) != null;
    public StringValue? Sid { get; internal set; }
    public StringValue? Effect { get; internal set; }
    public ValueList? Action { get; internal set; }
    public ValueList? NotAction { get; internal set; }
    public ValueList? Resource { get; internal set; }
    public ValueList? NotResource { get; internal set; }
    public PrincipalElement? Principal { get; internal set; }
    public PrincipalElement? NotPrincipal { get; internal set; }
    public ConditionElement? Condition { get; internal set; }

    public bool IsAllow => Effect != null && Effect.Value == "Allow";
    public bool IsDeny => Effect != null && Effect.Value == "Deny";

    /// <summary>Action or NotAction, whichever is present (Action first).</summary>
    /// <summary>Action and NotAction, either may be null (a statement may wrongly have both): without allocating.</summary>
    public ListPair ActionLists => new ListPair(Action, NotAction);
    /// <summary>Resource and NotResource, either may be null.</summary>
    public ListPair ResourceLists => new ListPair(Resource, NotResource);
    public ValueList? Actions => Action ?? NotAction;
    public ValueList? Resources => Resource ?? NotResource;
    public PrincipalElement? Principals => Principal ?? NotPrincipal;

    /// <summary>"statement 2 (Sid ClaudePlatformInference)" for messages.</summary>
    public string Label => _label ??= Sid != null && Sid.Value.Length > 0 ? $"statement {Index + 1} (Sid {Sid.Value})" : $"statement {Index + 1}";
    private string? _label;
}

public sealed class PolicyDocument
{
    internal PolicyDocument(string path, string? label)
        : this(path, label, new List<Problem>(), new List<Problem>(), new List<Statement>())
    {
    }

    private PolicyDocument(string? path, string? label, List<Problem> parseIssues, List<Problem> modelIssues, List<Statement> statements)
    {
        _path = path;
        Label = label;
        ParseIssues = parseIssues;
        ModelIssues = modelIssues;
        Statements = statements;
    }

    /// <summary>The file the document was read from (as given by the user).</summary>
    public string Path => _path ??= _placedIndex < 0 ? $"{_placedWhere}: {_placedKey}" : $"{_placedWhere}: {_placedKey}[{_placedIndex}]";
    private string? _path;

#if NET8_0_OR_GREATER
    /// <summary>The path as characters, without making it a string (a batch writes one for each statement that decided).</summary>
    public bool TryWritePath(System.Span<char> into, out int written)
    {
        if (_path != null)
        {
            written = _path.Length;
            return System.MemoryExtensions.AsSpan(_path).TryCopyTo(into);
        }
        return _placedIndex < 0
            ? System.MemoryExtensions.TryWrite(into, $"{_placedWhere}: {_placedKey}", out written)
            : System.MemoryExtensions.TryWrite(into, $"{_placedWhere}: {_placedKey}[{_placedIndex}]", out written);
    }
#endif

    // A placed copy's path in parts (At), made into text only when something asks for it.
    private string? _placedWhere, _placedKey;
    private int _placedIndex = -1;
    // A placed copy's spans are shifted by its origin, after the map of the document it copies.
    private SourceSpan _origin;
    private bool _placed;
    /// <summary>Where in the file the policy sits (e.g. a template's resource); null for a plain policy file.</summary>
    public string? Label { get; }
    public SourceNode? Root { get; internal set; }
    public List<Problem> ParseIssues { get; }
    public List<Problem> ModelIssues { get; }
    public StringValue? Version { get; internal set; }
    public bool HasStatement { get; internal set; }
    public SourceSpan StatementKeySpan { get; internal set; }
    public List<Statement> Statements { get; }
    public DocumentKind Kind { get; internal set; }
    public bool KindFromOverride { get; internal set; }
    /// <summary>Characters that count against IAM quotas (whitespace outside strings is not counted).</summary>
    public int QuotaLength { get; internal set; }
    /// <summary>For a policy embedded in another file (a Terraform plan string): maps spans in the policy text to the file.</summary>
    public System.Func<SourceSpan, SourceSpan>? SpanMap { get; set; }
    /// <summary>A span of the policy text as a span of the file it is read from (the same span unless embedded).</summary>
    public SourceSpan InFile(SourceSpan span)
    {
        if (SpanMap != null) span = SpanMap(span);
        return _placed ? Shift(span, _origin) : span;
    }
    /// <summary>True when the document could be parsed into a model (it may still have issues).</summary>
    public bool IsParsed => Root != null;

    /// <summary>The values its conditions compare sts:ExternalId with: secrets, never printed.</summary>
    public IReadOnlyList<string> ExternalIds()
    {
        List<string>? ids = null;
        foreach (var s in Statements)
        {
            if (s.Condition == null) continue;
            foreach (var c in s.Condition.Clauses)
            {
                if (!string.Equals(c.Key.Value, "sts:ExternalId", System.StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var v in c.Values) (ids ??= new List<string>()).Add(v.Value);
            }
        }
        return (IReadOnlyList<string>?)ids ?? System.Array.Empty<string>();
    }
    public SourceSpan RootSpan => Root?.Span ?? SourceSpan.FileStart;

    /// <summary>
    /// The same policy found again at <paramref name="origin"/> of another file: it shares this model (read-only),
    /// and <see cref="InFile"/> maps its spans there. A batch line repeating a policy is not parsed again.
    /// </summary>
    public PolicyDocument At(string path, SourceSpan origin) => Place(path, null, -1, origin);

    /// <summary><see cref="At(string, SourceSpan)"/> with the path "<paramref name="where"/>: <paramref name="key"/>[<paramref name="index"/>]" (no index when negative), made only when read: a batch places its policies on every line.</summary>
    public PolicyDocument At(string where, string key, int index, SourceSpan origin) => Place(null, where, index, origin, key);

    private PolicyDocument Place(string? path, string? where, int index, SourceSpan origin, string? key = null)
    {
        // Its issues and statements are this one's lists, shared (the model is read-only).
        var doc = new PolicyDocument(path, Label, ParseIssues, ModelIssues, Statements)
        {
            Root = Root, Version = Version, HasStatement = HasStatement, StatementKeySpan = StatementKeySpan,
            Kind = Kind, KindFromOverride = KindFromOverride, QuotaLength = QuotaLength,
            _placedWhere = where, _placedKey = key, _placedIndex = index,
        };
        if (_placed)
        {
            // A copy of a placed copy: its own shift follows this one's.
            var inner = SpanMap;
            var before = _origin;
            doc.SpanMap = s => Shift(inner != null ? inner(s) : s, before);
        }
        else
        {
            doc.SpanMap = SpanMap;
        }
        doc._origin = origin;
        doc._placed = true;
        return doc;
    }

    private static SourceSpan Shift(SourceSpan s, SourceSpan origin)
        => new SourceSpan(s.Start + origin.Start, s.Length, s.Line + origin.Line - 1, s.Line == 1 ? s.Column + origin.Column - 1 : s.Column,
            s.EndLine + origin.Line - 1, s.EndLine == 1 ? s.EndColumn + origin.Column - 1 : s.EndColumn);
}

/// <summary>Two lists to go through in order (Action then NotAction), either null, as a foreach without an array.</summary>
public readonly struct ListPair
{
    private readonly ValueList? _first;
    private readonly ValueList? _second;

    public ListPair(ValueList? first, ValueList? second)
    {
        _first = first;
        _second = second;
    }

    public Enumerator GetEnumerator() => new Enumerator(_first, _second);

    public struct Enumerator
    {
        private readonly ValueList? _first;
        private readonly ValueList? _second;
        private int _at;

        public Enumerator(ValueList? first, ValueList? second)
        {
            _first = first;
            _second = second;
            _at = -1;
        }

        public ValueList? Current => _at == 0 ? _first : _second;

        public bool MoveNext() => ++_at < 2;
    }
}

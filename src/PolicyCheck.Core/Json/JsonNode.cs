using System.Collections.Generic;

namespace PolicyCheck.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value that knows where it came from.</summary>
public abstract class JsonNode
{
    protected JsonNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }
    public abstract JsonKind Kind { get; }

    public static string KindName(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

public sealed class JsonProperty
{
    public JsonProperty(string name, SourceSpan nameSpan, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }
    public SourceSpan NameSpan { get; }
    public JsonNode Value { get; }
}

public sealed class JsonObject : JsonNode
{
    public JsonObject(SourceSpan span, IReadOnlyList<JsonProperty> properties) : base(span) => Properties = properties;

    public override JsonKind Kind => JsonKind.Object;

    /// <summary>All properties in source order, duplicates included.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>The last property with this exact name (JSON's usual "last wins").</summary>
    public JsonProperty? Get(string name)
    {
        for (int i = Properties.Count - 1; i >= 0; i--)
        {
            if (Properties[i].Name == name) return Properties[i];
        }
        return null;
    }
}

public sealed class JsonArray : JsonNode
{
    public JsonArray(SourceSpan span, IReadOnlyList<JsonNode> items) : base(span) => Items = items;

    public override JsonKind Kind => JsonKind.Array;
    public IReadOnlyList<JsonNode> Items { get; }
}

/// <summary>A string, number, boolean or null. <see cref="Text"/> is the decoded string or the literal's text.</summary>
public sealed class JsonScalar : JsonNode
{
    private readonly JsonKind _kind;

    public JsonScalar(SourceSpan span, JsonKind kind, string text) : base(span)
    {
        _kind = kind;
        Text = text;
    }

    public override JsonKind Kind => _kind;
    public string Text { get; }
}

using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Json;

public enum NodeKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A value of a JSON or YAML file that knows where it came from (not System.Text.Json.Nodes: these keep positions).</summary>
public abstract class SourceNode
{
    protected SourceNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }
    public abstract NodeKind Kind { get; }

    public static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.Object => "an object",
        NodeKind.Array => "an array",
        NodeKind.String => "a string",
        NodeKind.Number => "a number",
        NodeKind.True or NodeKind.False => "a boolean",
        _ => "null",
    };
}

public sealed class SourceProperty
{
    public SourceProperty(string name, SourceSpan nameSpan, SourceNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }
    public SourceSpan NameSpan { get; }
    public SourceNode Value { get; }
}

public sealed class SourceObject : SourceNode
{
    public SourceObject(SourceSpan span, IReadOnlyList<SourceProperty> properties) : base(span) => Properties = PolicyCheck.Model.Items.From(properties);

    public override NodeKind Kind => NodeKind.Object;

    /// <summary>All properties in source order, duplicates included (a foreach over them allocates nothing).</summary>
    public Items<SourceProperty> Properties { get; }

    /// <summary>The last property with this exact name (JSON's usual "last wins").</summary>
    public SourceProperty? Get(string name)
    {
        for (int i = Properties.Count - 1; i >= 0; i--)
        {
            if (Properties[i].Name == name) return Properties[i];
        }
        return null;
    }
}

public sealed class SourceArray : SourceNode
{
    public SourceArray(SourceSpan span, IReadOnlyList<SourceNode> items) : base(span) => Items = PolicyCheck.Model.Items.From(items);

    public override NodeKind Kind => NodeKind.Array;
    public Items<SourceNode> Items { get; }
}

/// <summary>A string, number, boolean or null. <see cref="Text"/> is the decoded string or the literal's text.</summary>
public sealed class SourceScalar : SourceNode
{
    private readonly NodeKind _kind;

    public SourceScalar(SourceSpan span, NodeKind kind, string text) : base(span)
    {
        _kind = kind;
        Text = text;
    }

    public override NodeKind Kind => _kind;
    public string Text { get; }
}

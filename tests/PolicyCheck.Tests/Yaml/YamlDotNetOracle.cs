using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PolicyCheck.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyCheck.Tests.Yaml;

/// <summary>YamlDotNet's reading of a YAML text, as the same positioned tree: the oracle our reader is compared with.</summary>
internal static class YamlDotNetOracle
{
    public static SourceNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, SourceNode>();
        parser.MoveNext();
        parser.MoveNext(); // StreamStart
        if (parser.Current is StreamEnd) return null;
        parser.MoveNext(); // DocumentStart
        var root = Node(parser, anchors);
        return root;
    }

    private static ParsingEvent Take(Parser p)
    {
        var e = p.Current!;
        p.MoveNext();
        return e;
    }

    private static SourceNode Node(Parser p, Dictionary<string, SourceNode> anchors)
    {
        var e = Take(p);
        switch (e)
        {
            case AnchorAlias a:
                return anchors[a.Value.Value];
            case Scalar s:
            {
                var kind = s.IsPlainImplicit && s.Style == ScalarStyle.Plain ? Resolve(s.Value) : NodeKind.String;
                SourceNode node = new SourceScalar(At(s.Start, s.End), kind, s.Value);
                return Finish(node, s.Tag, s.Anchor, anchors);
            }
            case SequenceStart seq:
            {
                var items = new List<SourceNode>();
                while (p.Current is not SequenceEnd) items.Add(Node(p, anchors));
                var end = Take(p);
                return Finish(new SourceArray(At(seq.Start, end.End), items), seq.Tag, seq.Anchor, anchors);
            }
            case MappingStart map:
            {
                var props = new List<SourceProperty>();
                while (p.Current is not MappingEnd)
                {
                    var key = (Scalar)Take(p);
                    props.Add(new SourceProperty(key.Value, At(key.Start, key.End), Node(p, anchors)));
                }
                var end = Take(p);
                return Finish(new SourceObject(At(map.Start, end.End), props), map.Tag, map.Anchor, anchors);
            }
            default:
                throw new InvalidDataException("unexpected " + e.GetType().Name);
        }
    }

    private static SourceNode Finish(SourceNode node, TagName tag, AnchorName anchor, Dictionary<string, SourceNode> anchors)
    {
        if (!tag.IsEmpty && !tag.IsNonSpecific)
        {
            if (tag.Value.StartsWith("tag:yaml.org,2002:", System.StringComparison.Ordinal))
            {
                if (node is SourceScalar s) node = new SourceScalar(s.Span, NodeKind.String, s.Text);
            }
            else
            {
                if (node is SourceScalar s && s.Kind != NodeKind.String) node = new SourceScalar(s.Span, NodeKind.String, s.Text);
                node = new SourceObject(node.Span, new[] { new SourceProperty(tag.Value, node.Span, node) });
            }
        }
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }

    private static NodeKind Resolve(string text)
    {
        switch (text)
        {
            case "true": case "True": case "TRUE": return NodeKind.True;
            case "false": case "False": case "FALSE": return NodeKind.False;
            case "null": case "Null": case "NULL": case "~": case "": return NodeKind.Null;
        }
        return text.Length < 32 && text[0] != '.' && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? NodeKind.Number : NodeKind.String;
    }

    private static SourceSpan At(Mark start, Mark end)
        => new SourceSpan((int)start.Index, (int)(end.Index - start.Index), (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);
}

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
    public static JsonNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, JsonNode>();
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

    private static JsonNode Node(Parser p, Dictionary<string, JsonNode> anchors)
    {
        var e = Take(p);
        switch (e)
        {
            case AnchorAlias a:
                return anchors[a.Value.Value];
            case Scalar s:
            {
                var kind = s.IsPlainImplicit && s.Style == ScalarStyle.Plain ? Resolve(s.Value) : JsonKind.String;
                JsonNode node = new JsonScalar(At(s.Start, s.End), kind, s.Value);
                return Finish(node, s.Tag, s.Anchor, anchors);
            }
            case SequenceStart seq:
            {
                var items = new List<JsonNode>();
                while (p.Current is not SequenceEnd) items.Add(Node(p, anchors));
                var end = Take(p);
                return Finish(new JsonArray(At(seq.Start, end.End), items), seq.Tag, seq.Anchor, anchors);
            }
            case MappingStart map:
            {
                var props = new List<JsonProperty>();
                while (p.Current is not MappingEnd)
                {
                    var key = (Scalar)Take(p);
                    props.Add(new JsonProperty(key.Value, At(key.Start, key.End), Node(p, anchors)));
                }
                var end = Take(p);
                return Finish(new JsonObject(At(map.Start, end.End), props), map.Tag, map.Anchor, anchors);
            }
            default:
                throw new InvalidDataException("unexpected " + e.GetType().Name);
        }
    }

    private static JsonNode Finish(JsonNode node, TagName tag, AnchorName anchor, Dictionary<string, JsonNode> anchors)
    {
        if (!tag.IsEmpty && !tag.IsNonSpecific)
        {
            if (tag.Value.StartsWith("tag:yaml.org,2002:", System.StringComparison.Ordinal))
            {
                if (node is JsonScalar s) node = new JsonScalar(s.Span, JsonKind.String, s.Text);
            }
            else
            {
                if (node is JsonScalar s && s.Kind != JsonKind.String) node = new JsonScalar(s.Span, JsonKind.String, s.Text);
                node = new JsonObject(node.Span, new[] { new JsonProperty(tag.Value, node.Span, node) });
            }
        }
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }

    private static JsonKind Resolve(string text)
    {
        switch (text)
        {
            case "true": case "True": case "TRUE": return JsonKind.True;
            case "false": case "False": case "FALSE": return JsonKind.False;
            case "null": case "Null": case "NULL": case "~": case "": return JsonKind.Null;
        }
        return text.Length < 32 && text[0] != '.' && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? JsonKind.Number : JsonKind.String;
    }

    private static SourceSpan At(Mark start, Mark end)
        => new SourceSpan((int)start.Index, (int)(end.Index - start.Index), (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);
}

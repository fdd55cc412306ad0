using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PolicyCheck.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>
/// Reads a CloudFormation YAML template into the same positioned tree the JSON parser builds. Short-form tags
/// (<c>!Sub x</c>) become their long form (<c>{"Fn::Sub": x}</c>) so one resolver serves YAML and JSON.
/// Anchors and aliases are followed within a budget (alias bombs stop with an error); duplicate keys are errors.
/// </summary>
public static class TemplateYaml
{
    /// <summary>At most this many values after aliases are expanded.</summary>
    public const int MaxExpandedNodes = 1_000_000;
    public const int MaxDepth = 64;

    public static readonly IReadOnlyDictionary<string, string> ShortTags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref", ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub", ["!GetAtt"] = "Fn::GetAtt", ["!Join"] = "Fn::Join", ["!If"] = "Fn::If", ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split", ["!FindInMap"] = "Fn::FindInMap", ["!ImportValue"] = "Fn::ImportValue", ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not", ["!And"] = "Fn::And", ["!Or"] = "Fn::Or", ["!Base64"] = "Fn::Base64", ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs", ["!Transform"] = "Fn::Transform", ["!Length"] = "Fn::Length", ["!ToJsonString"] = "Fn::ToJsonString",
        // Rules section functions (never resolved: Rules do not shape policies).
        ["!Contains"] = "Fn::Contains", ["!EachMemberEquals"] = "Fn::EachMemberEquals", ["!EachMemberIn"] = "Fn::EachMemberIn",
        ["!RefAll"] = "Fn::RefAll", ["!ValueOf"] = "Fn::ValueOf", ["!ValueOfAll"] = "Fn::ValueOfAll",
    };

    /// <summary>The template's root, or null with <paramref name="error"/> naming the position and the reason.</summary>
    public static JsonNode? Load(string text, out ProblemException? error)
    {
        error = null;
        try
        {
            var reader = new Reader(text);
            return reader.Read();
        }
        catch (ProblemException f)
        {
            error = f;
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException?.Message ?? ex.Message;
            int paren = message.IndexOf("): ", StringComparison.Ordinal);
            if (paren >= 0 && message.StartsWith("(", StringComparison.Ordinal)) message = message.Substring(paren + 3);
            error = new ProblemException("not valid YAML: " + message, At(ex.Start, ex.Start));
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException || ex is OverflowException)
        {
            // YamlDotNet sometimes fails on broken input with a non-YAML exception: name where its scanner stopped.
            var (line, col) = Yaml.YamlDoc.LastReadPosition(text);
            error = new ProblemException("not valid YAML: the parser stopped here", new SourceSpan(0, 0, line, col, line, col));
        }
        return null;
    }

    private static SourceSpan At(Mark start, Mark end)
    {
        int line = (int)Math.Max(1, start.Line), col = (int)Math.Max(1, start.Column);
        return new SourceSpan((int)start.Index, (int)Math.Max(0, end.Index - start.Index), line, col, (int)Math.Max(line, end.Line), (int)Math.Max(1, end.Column));
    }

    private sealed class Reader
    {
        private readonly Parser _parser;
        private readonly Dictionary<string, (JsonNode Node, long Size)> _anchors = new Dictionary<string, (JsonNode, long)>(StringComparer.Ordinal);
        private long _expanded;

        public Reader(string text) => _parser = new Parser(new StringReader(text));

        public JsonNode? Read()
        {
            _parser.MoveNext();
            Take<StreamStart>();
            if (_parser.Current is StreamEnd || _parser.Current == null) return null;
            Take<DocumentStart>();
            var (root, _) = Node(0);
            Take<DocumentEnd>();
            if (_parser.Current is DocumentStart extra) throw new ProblemException("only one YAML document is allowed in a template", At(extra.Start, extra.End));
            return root;
        }

        /// <summary>The current event (the parser's Current is always the next one not yet used), then move on.</summary>
        private ParsingEvent Take()
        {
            var e = _parser.Current ?? throw new ProblemException("the YAML ends too early", SourceSpan.FileStart);
            _parser.MoveNext();
            return e;
        }

        private T Take<T>() where T : ParsingEvent
        {
            var e = Take();
            if (e is T t) return t;
            throw new ProblemException($"unexpected {e.GetType().Name} in the YAML", At(e.Start, e.End));
        }

        private (JsonNode Node, long Size) Node(int depth)
        {
            var e = Take();
            if (depth > MaxDepth) throw new ProblemException($"the template is nested more than {MaxDepth} levels deep", At(e.Start, e.End));
            switch (e)
            {
                case AnchorAlias alias:
                {
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw new ProblemException($"alias *{alias.Value.Value} names no anchor", At(alias.Start, alias.End));
                    Count(anchored.Size, alias);
                    return anchored;
                }
                case Scalar s:
                {
                    Count(1, s);
                    var span = At(s.Start, s.End);
                    JsonNode node = new JsonScalar(span, ScalarKind(s), s.Value);
                    node = Tagged(s.Tag, node, span, s);
                    return Anchor(s.Anchor, node, 1);
                }
                case SequenceStart seq:
                {
                    var items = new List<JsonNode>();
                    long size = 1;
                    Count(1, seq);
                    while (_parser.Current is not SequenceEnd)
                    {
                        var (item, itemSize) = Node(depth + 1);
                        items.Add(item);
                        size += itemSize;
                    }
                    var end = Take();
                    var span = At(seq.Start, end.End);
                    JsonNode node = new JsonArray(span, items);
                    node = Tagged(seq.Tag, node, span, seq);
                    return Anchor(seq.Anchor, node, size);
                }
                case MappingStart map:
                {
                    var props = new List<JsonProperty>();
                    var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
                    long size = 1;
                    Count(1, map);
                    while (_parser.Current is not MappingEnd)
                    {
                        var keyEvent = Take();
                        if (keyEvent is not Scalar key)
                            throw new ProblemException("a mapping key must be a plain string", At(keyEvent.Start, keyEvent.End));
                        var keySpan = At(key.Start, key.End);
                        if (key.Value == "<<") throw new ProblemException("merge keys (<<) are not supported in CloudFormation templates", keySpan);
                        if (seen.TryGetValue(key.Value, out var first))
                            throw new ProblemException($"duplicate key \"{key.Value}\" (first at line {first.Line}); CloudFormation rejects the template", keySpan);
                        seen[key.Value] = keySpan;
                        var (value, valueSize) = Node(depth + 1);
                        props.Add(new JsonProperty(key.Value, keySpan, value));
                        size += valueSize;
                    }
                    var end = Take();
                    var span = At(map.Start, end.End);
                    JsonNode node = new JsonObject(span, props);
                    node = Tagged(map.Tag, node, span, map);
                    return Anchor(map.Anchor, node, size);
                }
                default:
                    throw new ProblemException($"unexpected {e.GetType().Name} in the YAML", At(e.Start, e.End));
            }
        }

        private void Count(long n, ParsingEvent at)
        {
            _expanded += n;
            if (_expanded > MaxExpandedNodes)
                throw new ProblemException($"the YAML expands to more than {MaxExpandedNodes:N0} values through aliases (an alias bomb?)", At(at.Start, at.End));
        }

        private (JsonNode, long) Anchor(AnchorName anchor, JsonNode node, long size)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (node, size);
            return (node, size);
        }

        private static JsonNode Tagged(TagName tag, JsonNode node, SourceSpan span, ParsingEvent e)
        {
            if (tag.IsEmpty || tag.IsNonSpecific) return node;
            string name = tag.Value;
            if (ShortTags.TryGetValue(name, out var fn))
            {
                return new JsonObject(span, new[] { new JsonProperty(fn, span, node) });
            }
            if (name == "tag:yaml.org,2002:str" && node is JsonScalar str) return new JsonScalar(span, JsonKind.String, str.Text);
            if (name.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)) return node;
            throw new ProblemException($"unknown tag {name}: CloudFormation knows !Ref, !Sub, !GetAtt, !Join, !If, !Select, !Split, !FindInMap, !ImportValue, !Equals, !Not, !And, !Or, !Condition and a few more", At(e.Start, e.End));
        }

        private static JsonKind ScalarKind(Scalar s)
        {
            if (!s.IsPlainImplicit || s.Style != ScalarStyle.Plain) return JsonKind.String;
            switch (s.Value)
            {
                case "true": case "True": case "TRUE": return JsonKind.True;
                case "false": case "False": case "FALSE": return JsonKind.False;
                case "null": case "Null": case "NULL": case "~": case "": return JsonKind.Null;
            }
            return double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && s.Value.Length < 32 && s.Value[0] != '.'
                ? JsonKind.Number
                : JsonKind.String;
        }
    }
}

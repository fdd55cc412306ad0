using System;
using System.Collections.Generic;
using System.Text;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>A value the template leaves open (a parameter without a value, an import, an attribute of another resource).</summary>
public sealed class UnknownValue
{
    public UnknownValue(string name, SourceSpan span, string why)
    {
        Name = name;
        Span = span;
        Why = why;
    }

    public string Name { get; }
    public SourceSpan Span { get; }
    public string Why { get; }

    /// <summary>The text that stands for the value: matches nothing by accident (no wildcard, no colon, no variable).</summary>
    public string Marker => Token(Name);

    public static string Token(string name) => "\u00AB" + name.Replace("::", ".").Replace(":", ".") + "\u00BB";
}

/// <summary>
/// Resolves CloudFormation's intrinsic functions in a part of a template: Ref, Fn::Sub, Fn::GetAtt, Fn::Join,
/// Fn::Select, Fn::Split, Fn::FindInMap, Fn::If (by the variant's condition values), Fn::ImportValue and the rest.
/// Resolved values keep the span of the expression they came from; what cannot be known becomes an <see cref="UnknownValue"/>.
/// </summary>
public sealed class Intrinsics
{
    public const int MaxDepth = 64;

    private readonly TemplateModel _template;
    private readonly Func<string, bool> _condition;

    private readonly bool _optimistic;

    /// <param name="optimistic">Put "*" (matches everything) where a value is unknown instead of a stand-in that matches nothing.</param>
    public Intrinsics(TemplateModel template, Func<string, bool> condition, bool optimistic = false)
    {
        _template = template;
        _condition = condition;
        _optimistic = optimistic;
    }

    public List<UnknownValue> Unknowns { get; } = new List<UnknownValue>();

    /// <summary>The value with every intrinsic function resolved; null for AWS::NoValue.</summary>
    public SourceNode? Resolve(SourceNode node) => Resolve(node, 0);

    private SourceNode? Resolve(SourceNode node, int depth)
    {
        if (depth > MaxDepth) throw new ProblemException($"intrinsic functions nested more than {MaxDepth} deep", node.Span);
        switch (node)
        {
            case SourceObject o when o.Properties.Count == 1 && IsFunction(o.Properties[0].Name):
                return Function(o.Properties[0].Name, o.Properties[0].Value, o.Span, depth);
            case SourceObject o:
            {
                var props = new List<SourceProperty>(o.Properties.Count);
                foreach (var p in o.Properties)
                {
                    var v = Resolve(p.Value, depth + 1);
                    if (v != null) props.Add(new SourceProperty(p.Name, p.NameSpan, v));
                }
                return new SourceObject(o.Span, props);
            }
            case SourceArray a:
            {
                var items = new List<SourceNode>(a.Items.Count);
                foreach (var item in a.Items)
                {
                    var v = Resolve(item, depth + 1);
                    if (v != null) items.Add(v);
                }
                return new SourceArray(a.Span, items);
            }
            default:
                return node;
        }
    }

    public static bool IsFunction(string name) => name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal);

    private SourceNode? Function(string name, SourceNode arg, SourceSpan span, int depth)
    {
        switch (name)
        {
            case "Ref":
                return Ref(Text(arg, depth, "Ref"), span);
            case "Fn::Sub":
                return Sub(arg, span, depth);
            case "Fn::GetAtt":
            {
                if (arg is SourceScalar dotted && dotted.Text.IndexOf('.') > 0) // "Role.Arn", as the short form writes it
                {
                    int dot = dotted.Text.IndexOf('.');
                    arg = new SourceArray(arg.Span, new SourceNode[]
                    {
                        new SourceScalar(arg.Span, NodeKind.String, dotted.Text.Substring(0, dot)),
                        new SourceScalar(arg.Span, NodeKind.String, dotted.Text.Substring(dot + 1)),
                    });
                }
                var args = List(arg, depth, name);
                if (args.Count != 2) throw new ProblemException("Fn::GetAtt takes [logical ID, attribute]", span);
                string logical = Text(args[0], depth, name), attribute = Text(args[1], depth, name);
                return _template.Attribute(logical, attribute, span) is { } known
                    ? new SourceScalar(span, NodeKind.String, known)
                    : Unknown(logical + "." + attribute, span, $"the attribute {attribute} of {logical} is known only after the stack is created");
            }
            case "Fn::Join":
            {
                var args = List(arg, depth, name);
                if (args.Count != 2) throw new ProblemException("Fn::Join takes [delimiter, [values]]", span);
                string delimiter = Text(args[0], depth, name);
                var parts = List(args[1], depth, name);
                var sb = new StringBuilder();
                for (int i = 0; i < parts.Count; i++)
                {
                    if (i > 0) sb.Append(delimiter);
                    sb.Append(Text(parts[i], depth, name));
                }
                return new SourceScalar(span, NodeKind.String, sb.ToString());
            }
            case "Fn::Select":
            {
                var args = List(arg, depth, name);
                if (args.Count != 2) throw new ProblemException("Fn::Select takes [index, [values]]", span);
                string index = Text(args[0], depth, name);
                var list = List(args[1], depth, name);
                if (!int.TryParse(index, out int i) || i < 0) throw new ProblemException($"Fn::Select index \"{index}\" is not a whole number", args[0].Span);
                if (i >= list.Count)
                {
                    if (list.Count == 1 && list[0] is SourceScalar only && IsMarker(only.Text)) return only;
                    throw new ProblemException($"Fn::Select index {i} is past the end of a list of {list.Count}", span);
                }
                return list[i];
            }
            case "Fn::Split":
            {
                var args = List(arg, depth, name);
                if (args.Count != 2) throw new ProblemException("Fn::Split takes [delimiter, string]", span);
                string delimiter = Text(args[0], depth, name), source = Text(args[1], depth, name);
                if (delimiter.Length == 0) throw new ProblemException("Fn::Split needs a delimiter", args[0].Span);
                var items = new List<SourceNode>();
                foreach (var part in source.Split(new[] { delimiter }, StringSplitOptions.None)) items.Add(new SourceScalar(span, NodeKind.String, part));
                return new SourceArray(span, items);
            }
            case "Fn::FindInMap":
            {
                var args = List(arg, depth, name);
                if (args.Count < 3) throw new ProblemException("Fn::FindInMap takes [map, top-level key, second-level key]", span);
                string map = Text(args[0], depth, name), top = Text(args[1], depth, name), second = Text(args[2], depth, name);
                var found = _template.Lookup(map, top, second);
                if (found != null) return Resolve(found, depth + 1);
                if (args.Count > 3 && args[3] is SourceObject d && d.Get("DefaultValue") is { } dv) return Resolve(dv.Value, depth + 1);
                if (IsMarker(top) || IsMarker(second)) return Unknown($"{map}.{top}.{second}", span, $"the Mappings key depends on a value that is not known");
                throw new ProblemException($"Fn::FindInMap: Mappings has no {map} → {top} → {second}", span);
            }
            case "Fn::If":
            {
                var args = List(arg, depth, name);
                if (args.Count != 3) throw new ProblemException("Fn::If takes [condition, value if true, value if false]", span);
                string condition = Text(args[0], depth, name);
                if (!_template.Conditions.ContainsKey(condition)) throw new ProblemException($"Fn::If names condition \"{condition}\", which Conditions does not define", args[0].Span);
                return Resolve(_condition(condition) ? args[1] : args[2], depth + 1);
            }
            case "Fn::ImportValue":
            {
                string export = Text(arg, depth, name);
                return Unknown("Import." + export, span, $"Fn::ImportValue \"{export}\" comes from another stack");
            }
            case "Fn::Base64":
            case "Fn::GetAZs":
            case "Fn::Cidr":
            case "Fn::Length":
            case "Fn::ToJsonString":
            case "Fn::Transform":
            case "Fn::Equals":
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or":
            case "Fn::Contains":
            case "Fn::EachMemberEquals":
            case "Fn::EachMemberIn":
            case "Fn::RefAll":
            case "Fn::ValueOf":
            case "Fn::ValueOfAll":
                return Unknown(name, span, $"{name} is not evaluated by PolicyCheck");
            default:
                throw new ProblemException($"unknown intrinsic function {name}", span);
        }
    }

    private SourceNode? Ref(string target, SourceSpan span)
    {
        if (target == "AWS::NoValue") return null;
        if (_template.Value(target) is { } value) return Relocate(value, span);
        if (target.StartsWith("AWS::", StringComparison.Ordinal))
        {
            if (!TemplateModel.PseudoParameters.Contains(target)) throw new ProblemException($"unknown pseudo parameter {target}", span);
            return Unknown(target, span, $"{target} is known only at deployment (give it with --parameters or in policycheck.yml)");
        }
        if (_template.Parameters.ContainsKey(target)) return Unknown(target, span, $"parameter {target} has no default and no value from --parameters");
        if (_template.Resources.ContainsKey(target))
        {
            return _template.ResourceRef(target) is { } known
                ? new SourceScalar(span, NodeKind.String, known)
                : Unknown(target, span, $"Ref {target} is known only after the stack is created");
        }
        throw new ProblemException($"Ref \"{target}\" names no parameter, resource or pseudo parameter", span);
    }

    private SourceScalar Sub(SourceNode arg, SourceSpan span, int depth)
    {
        SourceNode template = arg;
        var variables = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        if (arg is SourceArray a)
        {
            if (a.Items.Count != 2 || a.Items[1] is not SourceObject vars) throw new ProblemException("Fn::Sub takes a string or [string, {variables}]", span);
            template = a.Items[0];
            foreach (var p in vars.Properties) variables[p.Name] = p.Value;
        }
        if (template is not SourceScalar s || s.Kind != NodeKind.String) throw new ProblemException("Fn::Sub needs a string", template.Span);
        var sb = new StringBuilder();
        string text = s.Text;
        int i = 0;
        while (i < text.Length)
        {
            int open = text.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0) { sb.Append(text, i, text.Length - i); break; }
            sb.Append(text, i, open - i);
            int close = text.IndexOf('}', open + 2);
            if (close < 0) throw new ProblemException("Fn::Sub: \"${\" without a closing \"}\"", span);
            string inner = text.Substring(open + 2, close - open - 2);
            i = close + 1;
            if (inner.StartsWith("!", StringComparison.Ordinal))
            {
                sb.Append("${").Append(inner.Substring(1)).Append('}'); // ${!Literal}
                continue;
            }
            if (variables.TryGetValue(inner, out var given))
            {
                sb.Append(Text(given, depth, "Fn::Sub"));
                continue;
            }
            if (inner.IndexOf(':') > 0 && !inner.StartsWith("AWS::", StringComparison.Ordinal))
            {
                sb.Append("${").Append(inner).Append('}'); // an IAM policy variable such as ${aws:username}
                continue;
            }
            int dot = inner.IndexOf('.');
            SourceNode? value = dot > 0 && !inner.StartsWith("AWS::", StringComparison.Ordinal)
                ? Function("Fn::GetAtt", new SourceArray(span, new SourceNode[] { new SourceScalar(span, NodeKind.String, inner.Substring(0, dot)), new SourceScalar(span, NodeKind.String, inner.Substring(dot + 1)) }), span, depth + 1)
                : Ref(inner, span);
            sb.Append(value == null ? string.Empty : Text(value, depth, "Fn::Sub"));
        }
        return new SourceScalar(span, NodeKind.String, sb.ToString());
    }

    /// <summary>A resolved value as text (strings, numbers and booleans).</summary>
    private string Text(SourceNode node, int depth, string function)
    {
        var resolved = Resolve(node, depth + 1);
        if (resolved is SourceScalar s && s.Kind != NodeKind.Null) return s.Text;
        throw new ProblemException($"{function} needs a string here, not {(resolved == null ? "AWS::NoValue" : SourceNode.KindName(resolved.Kind))}", node.Span);
    }

    private IReadOnlyList<SourceNode> List(SourceNode node, int depth, string function)
    {
        var resolved = Resolve(node, depth + 1);
        if (resolved is SourceArray a) return a.Items;
        if (resolved is SourceScalar s && IsMarker(s.Text)) return new[] { resolved };
        throw new ProblemException($"{function} needs a list here, not {(resolved == null ? "AWS::NoValue" : SourceNode.KindName(resolved.Kind))}", node.Span);
    }

    private SourceScalar Unknown(string name, SourceSpan span, string why)
    {
        var u = new UnknownValue(name, span, why);
        Unknowns.Add(u);
        return new SourceScalar(span, NodeKind.String, _optimistic ? "*" : u.Marker);
    }

    public static bool IsMarker(string text) => text.IndexOf('\u00AB') >= 0;

    /// <summary>The text is one stand-in and nothing else (a policy text with a stand-in inside is still read).</summary>
    public static bool IsWholeMarker(string text) => text.Length > 1 && text[0] == '\u00AB' && text.IndexOf('\u00BB') == text.Length - 1 && text.IndexOf('\u00AB', 1) < 0;

    /// <summary>A parameter's value placed where it is used (findings point at the use, not the parameter).</summary>
    private static SourceNode Relocate(SourceNode value, SourceSpan span) => value switch
    {
        SourceScalar s => new SourceScalar(span, s.Kind, s.Text),
        SourceArray a => new SourceArray(span, Relocated(a.Items, span)),
        _ => value,
    };

    private static List<SourceNode> Relocated(PolicyCheck.Model.Items<SourceNode> items, SourceSpan span)
    {
        var list = new List<SourceNode>(items.Count);
        foreach (var i in items) list.Add(Relocate(i, span));
        return list;
    }
}

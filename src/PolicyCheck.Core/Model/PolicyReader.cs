using System;
using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Model;

/// <summary>Builds a <see cref="PolicyDocument"/> from policy JSON, recording every problem with its position.</summary>
public static class PolicyReader
{
    public const string ElementTypeRule = Rules.RuleIds.ElementType;
    public const string UnknownElementRule = Rules.RuleIds.UnknownElement;

    private static readonly string[] TopElements = { "Version", "Id", "Statement" };
    private static readonly string[] StatementElements =
        { "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition" };

    /// <summary>Reads a policy from the bytes of a file.</summary>
    public static PolicyDocument Read(string path, byte[] bytes, DocumentKind? kind = null, int maxDepth = JsonParser.DefaultMaxDepth)
    {
        var issues = new List<Problem>();
        string? text = SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            var doc = new PolicyDocument(path, null);
            doc.ParseIssues.AddRange(issues);
            doc.Kind = kind ?? DocumentKind.Permission;
            return doc;
        }
        var result = Read(path, text, kind, null, maxDepth);
        result.ParseIssues.InsertRange(0, issues);
        return result;
    }

    /// <summary>Reads a policy from text.</summary>
    public static PolicyDocument Read(string path, string text, DocumentKind? kind = null, string? label = null, int maxDepth = JsonParser.DefaultMaxDepth)
    {
        var doc = new PolicyDocument(path, label);
        var lines = new LineMap(text);
        var root = JsonParser.Parse(text, lines, doc.ParseIssues, maxDepth);
        doc.Kind = kind ?? DocumentKind.Permission;
        doc.KindFromOverride = kind.HasValue;
        if (root == null) return doc;
        doc.Root = root;
        doc.QuotaLength = PolicyQuota.Length(root, asWritten: true);
        Build(doc, root);
        if (!kind.HasValue) doc.Kind = DetectKind(doc);
        return doc;
    }

    /// <summary>Builds the model for an already parsed JSON value (templates embed policies as objects).</summary>
    public static PolicyDocument FromNode(string path, SourceNode root, string? label, DocumentKind? kind, int quotaLength)
    {
        var doc = new PolicyDocument(path, label) { Root = root, QuotaLength = quotaLength, Kind = kind ?? DocumentKind.Permission, KindFromOverride = kind.HasValue };
        Build(doc, root);
        if (!kind.HasValue) doc.Kind = DetectKind(doc);
        return doc;
    }

    /// <summary>True when a parsed JSON object looks like an IAM policy (has Statement or Version).</summary>
    public static bool LooksLikePolicy(SourceNode? root)
        => root is SourceObject o && (o.Get("Statement") != null || o.Get("Version") != null);

    private static void Build(PolicyDocument doc, SourceNode root)
    {
        if (root is not SourceObject obj)
        {
            doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                $"a policy must be a JSON object, not {SourceNode.KindName(root.Kind)}", root.Span,
                "wrap the statements in {\"Version\": \"2012-10-17\", \"Statement\": [...]}"));
            return;
        }

        foreach (var prop in obj.Properties)
        {
            if (Array.IndexOf(TopElements, prop.Name) < 0) UnknownElement(doc, prop, TopElements, "policy");
        }

        var version = obj.Get("Version");
        if (version != null) doc.Version = AsString(doc, version.Value, "Version");

        var statement = obj.Get("Statement");
        if (statement == null) return;
        doc.HasStatement = true;
        doc.StatementKeySpan = statement.NameSpan;
        if (statement.Value is SourceObject single)
        {
            doc.Statements.Add(BuildStatement(doc, single, 0));
        }
        else if (statement.Value is SourceArray array)
        {
            int index = 0;
            foreach (var item in array.Items)
            {
                if (item is SourceObject so)
                {
                    doc.Statements.Add(BuildStatement(doc, so, index));
                }
                else
                {
                    doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                        $"each entry of Statement must be an object, not {SourceNode.KindName(item.Kind)}", item.Span));
                }
                index++;
            }
        }
        else
        {
            doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                $"Statement must be an object or an array of objects, not {SourceNode.KindName(statement.Value.Kind)}", statement.Value.Span));
        }
    }

    private static void UnknownElement(PolicyDocument doc, SourceProperty prop, string[] known, string where)
    {
        string? suggestion = null;
        foreach (var k in known)
        {
            if (string.Equals(k, prop.Name, StringComparison.OrdinalIgnoreCase)) suggestion = k;
        }
        string message = suggestion != null
            ? $"\"{prop.Name}\" is not a {where} element; element names are case-sensitive"
            : $"\"{prop.Name}\" is not a {where} element";
        string fix = suggestion != null ? $"rename it to \"{suggestion}\"" : $"remove it; {where} elements are {string.Join(", ", known)}";
        doc.ModelIssues.Add(Problem.Rule(UnknownElementRule, message, prop.NameSpan, fix));
    }

    private static Statement BuildStatement(PolicyDocument doc, SourceObject obj, int index)
    {
        var s = new Statement { Index = index, Span = obj.Span, Json = obj };
        foreach (var prop in obj.Properties)
        {
            switch (prop.Name)
            {
                case "Sid": s.Sid = AsString(doc, prop.Value, "Sid"); break;
                case "Effect": s.Effect = AsString(doc, prop.Value, "Effect"); break;
                case "Action":
                case "NotAction":
                case "Resource":
                case "NotResource":
                    var list = AsList(doc, prop);
                    if (list != null)
                    {
                        if (prop.Name == "Action") s.Action = list;
                        else if (prop.Name == "NotAction") s.NotAction = list;
                        else if (prop.Name == "Resource") s.Resource = list;
                        else s.NotResource = list;
                    }
                    break;
                case "Principal":
                case "NotPrincipal":
                    var principal = AsPrincipal(doc, prop);
                    if (principal != null)
                    {
                        if (prop.Name == "Principal") s.Principal = principal;
                        else s.NotPrincipal = principal;
                    }
                    break;
                case "Condition":
                    s.Condition = AsCondition(doc, prop);
                    break;
                default:
                    UnknownElement(doc, prop, StatementElements, "statement");
                    break;
            }
        }
        return s;
    }

    /// <summary>A string element's value; otherwise a problem naming "<paramref name="before"/><paramref name="element"/><paramref name="after"/>" (made only then).</summary>
    private static StringValue? AsString(PolicyDocument doc, SourceNode node, string element, string? before = null, string? after = null)
    {
        if (node is SourceScalar sc && sc.Kind == NodeKind.String) return new StringValue(sc.Text, sc.Span);
        doc.ModelIssues.Add(Problem.Rule(ElementTypeRule, $"{before}{element}{after} must be a string, not {SourceNode.KindName(node.Kind)}", node.Span,
            node is SourceScalar other ? $"write it as \"{other.Text}\"" : null));
        return null;
    }

    private static ValueList? AsList(PolicyDocument doc, SourceProperty prop)
    {
        // Straight into the list's own array: the model is made for every statement of every file.
        if (prop.Value is SourceArray arr)
        {
            var values = new StringValue[arr.Items.Count];
            int n = 0;
            foreach (var item in arr.Items)
            {
                var v = AsString(doc, item, prop.Name, before: "each entry of ");
                if (v != null) values[n++] = v;
            }
            if (n < values.Length) System.Array.Resize(ref values, n);
            return new ValueList(prop.Name, prop.NameSpan, n == 0 ? Items<StringValue>.Empty : new Items<StringValue>(values), true);
        }
        var s = AsString(doc, prop.Value, prop.Name, after: " (a string or an array of strings)");
        if (s == null) return null;
        return new ValueList(prop.Name, prop.NameSpan, new Items<StringValue>(new[] { s }), false);
    }

    private static PrincipalElement? AsPrincipal(PolicyDocument doc, SourceProperty prop)
    {
        var entries = new List<PrincipalEntry>();
        if (prop.Value is SourceScalar sc && sc.Kind == NodeKind.String)
        {
            if (sc.Text != "*")
            {
                doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                    $"{prop.Name} as a plain string may only be \"*\"; name principals in a map", sc.Span,
                    $"write {{\"AWS\": \"{sc.Text}\"}}"));
            }
            entries.Add(new PrincipalEntry("*", prop.NameSpan, new StringValue(sc.Text, sc.Span)));
            return new PrincipalElement(prop.Name, prop.NameSpan, entries);
        }
        if (prop.Value is not SourceObject obj)
        {
            doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                $"{prop.Name} must be \"*\" or a map such as {{\"AWS\": \"arn:...\"}}, not {SourceNode.KindName(prop.Value.Kind)}", prop.Value.Span));
            return null;
        }
        foreach (var p in obj.Properties)
        {
            if (p.Name != "AWS" && p.Name != "Service" && p.Name != "Federated" && p.Name != "CanonicalUser")
            {
                doc.ModelIssues.Add(Problem.Rule(UnknownElementRule, $"\"{p.Name}\" is not a principal type", p.NameSpan,
                    "use AWS, Service, Federated or CanonicalUser"));
                continue;
            }
            var list = AsList(doc, p);
            if (list == null) continue;
            foreach (var v in list.Values) entries.Add(new PrincipalEntry(p.Name, p.NameSpan, v));
        }
        return new PrincipalElement(prop.Name, prop.NameSpan, entries);
    }

    private static ConditionElement? AsCondition(PolicyDocument doc, SourceProperty prop)
    {
        if (prop.Value is not SourceObject obj)
        {
            doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                $"Condition must be an object of operators, not {SourceNode.KindName(prop.Value.Kind)}", prop.Value.Span));
            return null;
        }
        var clauses = new List<ConditionClause>();
        foreach (var opProp in obj.Properties)
        {
            var op = new StringValue(opProp.Name, opProp.NameSpan);
            SplitOperator(opProp.Name, out string baseOp, out SetQualifier qualifier, out bool ifExists);
            if (opProp.Value is not SourceObject keys)
            {
                doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
                    $"the value of condition operator {opProp.Name} must be an object of keys, not {SourceNode.KindName(opProp.Value.Kind)}", opProp.Value.Span));
                continue;
            }
            foreach (var keyProp in keys.Properties)
            {
                var values = new List<StringValue>(keyProp.Value is SourceArray many ? many.Items.Count : 1);
                if (keyProp.Value is SourceArray arr)
                {
                    foreach (var item in arr.Items) AddConditionValue(doc, values, item, keyProp.Name);
                }
                else
                {
                    AddConditionValue(doc, values, keyProp.Value, keyProp.Name);
                }
                clauses.Add(new ConditionClause(op, baseOp, qualifier, ifExists, new StringValue(keyProp.Name, keyProp.NameSpan), values));
            }
        }
        return new ConditionElement(prop.NameSpan, clauses, obj.Properties.Count == 0);
    }

    private static void AddConditionValue(PolicyDocument doc, List<StringValue> values, SourceNode node, string key)
    {
        if (node is SourceScalar sc && (sc.Kind == NodeKind.String || sc.Kind == NodeKind.Number || sc.Kind == NodeKind.True || sc.Kind == NodeKind.False))
        {
            values.Add(new StringValue(sc.Text, sc.Span));
            return;
        }
        doc.ModelIssues.Add(Problem.Rule(ElementTypeRule,
            $"condition values for {key} must be strings, numbers or booleans, not {SourceNode.KindName(node.Kind)}", node.Span));
    }

    /// <summary>Splits "ForAnyValue:StringLikeIfExists" into StringLike, ForAnyValue and IfExists.</summary>
    public static void SplitOperator(string op, out string baseOperator, out SetQualifier qualifier, out bool ifExists)
    {
        qualifier = SetQualifier.None;
        string rest = op;
        if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest.Substring("ForAllValues:".Length);
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest.Substring("ForAnyValue:".Length);
        }
        ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest.Length > "IfExists".Length;
        baseOperator = ifExists ? rest.Substring(0, rest.Length - "IfExists".Length) : rest;
    }

    private static DocumentKind DetectKind(PolicyDocument doc)
    {
        bool anyPrincipal = false, anyAssume = false, anyResource = false, anyClaude = false;
        foreach (var s in doc.Statements)
        {
            if (s.Principals != null) anyPrincipal = true;
            if (s.Resources != null) anyResource = true;
            if (s.Actions == null) continue;
            foreach (var a in s.Actions.Values)
            {
                string v = a.Value;
                if (v.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)) anyAssume = true;
                if (v.StartsWith("aws-external-anthropic:", StringComparison.OrdinalIgnoreCase)) anyClaude = true;
            }
        }
        if (!anyPrincipal) return DocumentKind.Permission;
        if (anyAssume || !anyResource) return DocumentKind.Trust;
        return anyClaude ? DocumentKind.Permission : DocumentKind.Resource;
    }
}

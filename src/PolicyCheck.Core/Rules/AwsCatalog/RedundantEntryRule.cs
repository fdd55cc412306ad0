using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1031: an action or resource listed twice or covered by a wildcard in the same list, or a statement that repeats another (AA REDUNDANT_*).</summary>
public sealed class RedundantEntryRule : PolicyRule
{
    public override string Id => "PC1031";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            var seen = new Dictionary<string, Statement>(StringComparer.Ordinal);
            foreach (var s in doc.Statements)
            {
                CheckList(context, doc, s.Action ?? s.NotAction, ignoreCase: true);
                CheckList(context, doc, s.Resource ?? s.NotResource, ignoreCase: false);
                string shape = Shape(doc, s);
                if (shape.Length == 0) continue;
                if (seen.TryGetValue(shape, out var first))
                    context.Report(doc, s.Span, $"{s.Label} repeats {first.Label}", $"remove {s.Label}");
                else
                    seen[shape] = s;
            }
        }
    }

    private static void CheckList(RuleContext context, PolicyDocument doc, ValueList? list, bool ignoreCase)
    {
        if (list == null) return;
        var values = list.Values;
        for (int i = 0; i < values.Count; i++)
        {
            for (int j = 0; j < values.Count; j++)
            {
                if (i == j) continue;
                bool same = string.Equals(values[i].Value, values[j].Value, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
                if (same && j < i)
                {
                    context.Report(doc, values[i].Span, $"\"{values[i].Value}\" is listed twice in {list.Name}", "remove the repeat");
                    break;
                }
                if (!same && Wildcard.HasWildcard(values[j].Value) && Wildcard.Match(values[j].Value, values[i].Value, ignoreCase) && !Wildcard.HasWildcard(values[i].Value))
                {
                    context.Report(doc, values[i].Span, $"\"{values[i].Value}\" is already covered by \"{values[j].Value}\" in {list.Name}", "remove it, or narrow the wildcard");
                    break;
                }
            }
        }
    }

    /// <summary>The statement without its Sid, as compact text; empty when it cannot be compared.</summary>
    private static string Shape(PolicyDocument doc, Statement s)
    {
        if (s.Json == null) return string.Empty;
        var sb = new System.Text.StringBuilder();
        foreach (var p in s.Json.Properties)
        {
            if (p.Name == "Sid") continue;
            sb.Append(p.Name).Append('=').Append(Text(p.Value)).Append(';');
        }
        return sb.ToString();
    }

    private static string Text(PolicyCheck.Json.SourceNode node) => node switch
    {
        PolicyCheck.Json.SourceScalar s => s.Text,
        PolicyCheck.Json.SourceArray a => "[" + string.Join(",", Map(a.Items)) + "]",
        PolicyCheck.Json.SourceObject o => "{" + string.Join(",", MapProps(o)) + "}",
        _ => "?",
    };

    private static IEnumerable<string> Map(IReadOnlyList<PolicyCheck.Json.SourceNode> items)
    {
        foreach (var i in items) yield return Text(i);
    }

    private static IEnumerable<string> MapProps(PolicyCheck.Json.SourceObject o)
    {
        foreach (var p in o.Properties) yield return p.Name + ":" + Text(p.Value);
    }
}

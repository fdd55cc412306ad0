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

    /// <summary>Wildcard comparisons per list before the rule says it stopped (patterns with no fixed start or end).</summary>
    public const long ComparisonBudget = 4_000_000;

    /// <summary>Repeats by a dictionary, coverage through a <see cref="PatternIndex"/>: linear in the list for real policies.</summary>
    private static void CheckList(RuleContext context, PolicyDocument doc, ValueList? list, bool ignoreCase)
    {
        if (list == null) return;
        var values = list.Values;
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var first = new Dictionary<string, int>(values.Count, comparer);
        var patterns = new List<(string, int)>();
        for (int i = 0; i < values.Count; i++)
        {
            if (first.ContainsKey(values[i].Value)) continue;
            first[values[i].Value] = i;
            if (Wildcard.HasWildcard(values[i].Value)) patterns.Add((values[i].Value, i));
        }
        var index = patterns.Count > 0 ? new PatternIndex(patterns, ignoreCase) : null;
        for (int i = 0; i < values.Count; i++)
        {
            string value = values[i].Value;
            if (first[value] < i)
            {
                context.Report(doc, values[i].Span, $"\"{value}\" is listed twice in {list.Name}", "remove the repeat");
                continue;
            }
            if (index == null || Wildcard.HasWildcard(value)) continue;
            if (index.FirstMatch(value, i, ComparisonBudget) is { } covering)
                context.Report(doc, values[i].Span, $"\"{value}\" is already covered by \"{covering}\" in {list.Name}", "remove it, or narrow the wildcard");
            if (index.Exhausted)
            {
                context.Report(doc, values[i].Span, $"{list.Name} has {patterns.Count:N0} wildcards; after {ComparisonBudget:N0} comparisons the entries from \"{value}\" on were not checked for being covered by one",
                    "split the list, or give the wildcards a fixed start (\"s3:Get*\", not \"*Get*\")");
                return;
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

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
            Dictionary<int, List<Statement>>? seen = null;
            foreach (var s in doc.Statements)
            {
                CheckList(context, doc, s.Action ?? s.NotAction, ignoreCase: true);
                CheckList(context, doc, s.Resource ?? s.NotResource, ignoreCase: false);
                if (s.Json == null || doc.Statements.Count < 2) continue;
                int hash = ShapeHash(s.Json);
                seen ??= new Dictionary<int, List<Statement>>();
                if (!seen.TryGetValue(hash, out var alike)) seen[hash] = alike = new List<Statement>(1);
                var first = alike.Find(t => SameShape(t.Json!, s.Json));
                if (first != null)
                    context.Report(doc, s.Span, $"{s.Label} repeats {first.Label}", $"remove {s.Label}");
                else
                    alike.Add(s);
            }
        }
    }

    /// <summary>Wildcard comparisons per list before the rule says it stopped (patterns with no fixed start or end).</summary>
    public const long ComparisonBudget = 4_000_000;

    /// <summary>Repeats by a dictionary, coverage through a <see cref="PatternIndex"/>: linear in the list for real policies.</summary>
    private static void CheckList(RuleContext context, PolicyDocument doc, ValueList? list, bool ignoreCase)
    {
        if (list == null || list.Values.Count < 2) return; // one entry repeats nothing
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

    /// <summary>A hash of the statement without its Sid: equal for statements of the same shape.</summary>
    private static int ShapeHash(PolicyCheck.Json.SourceObject statement)
    {
        int h = 17;
        foreach (var p in statement.Properties)
        {
            if (p.Name == "Sid") continue;
            h = h * 31 + StringComparer.Ordinal.GetHashCode(p.Name);
            h = h * 31 + Hash(p.Value);
        }
        return h;
    }

    private static int Hash(PolicyCheck.Json.SourceNode node)
    {
        switch (node)
        {
            case PolicyCheck.Json.SourceScalar s: return StringComparer.Ordinal.GetHashCode(s.Text);
            case PolicyCheck.Json.SourceArray a:
                int h = 3;
                foreach (var i in a.Items) h = h * 31 + Hash(i);
                return h;
            case PolicyCheck.Json.SourceObject o:
                int g = 5;
                foreach (var p in o.Properties) g = (g * 31 + StringComparer.Ordinal.GetHashCode(p.Name)) * 31 + Hash(p.Value);
                return g;
            default: return 7;
        }
    }

    /// <summary>The same properties in the same order with the same values, the Sid aside.</summary>
    private static bool SameShape(PolicyCheck.Json.SourceObject a, PolicyCheck.Json.SourceObject b)
    {
        int i = 0, j = 0;
        var pa = a.Properties;
        var pb = b.Properties;
        while (true)
        {
            while (i < pa.Count && pa[i].Name == "Sid") i++;
            while (j < pb.Count && pb[j].Name == "Sid") j++;
            if (i == pa.Count || j == pb.Count) return i == pa.Count && j == pb.Count;
            if (pa[i].Name != pb[j].Name || !Same(pa[i].Value, pb[j].Value)) return false;
            i++;
            j++;
        }
    }

    private static bool Same(PolicyCheck.Json.SourceNode a, PolicyCheck.Json.SourceNode b)
    {
        switch (a)
        {
            case PolicyCheck.Json.SourceScalar s:
                return b is PolicyCheck.Json.SourceScalar t && s.Text == t.Text;
            case PolicyCheck.Json.SourceArray x:
                if (b is not PolicyCheck.Json.SourceArray y || x.Items.Count != y.Items.Count) return false;
                for (int k = 0; k < x.Items.Count; k++) if (!Same(x.Items[k], y.Items[k])) return false;
                return true;
            case PolicyCheck.Json.SourceObject o:
                if (b is not PolicyCheck.Json.SourceObject q || o.Properties.Count != q.Properties.Count) return false;
                for (int k = 0; k < o.Properties.Count; k++)
                    if (o.Properties[k].Name != q.Properties[k].Name || !Same(o.Properties[k].Value, q.Properties[k].Value)) return false;
                return true;
            default:
                return false;
        }
    }
}

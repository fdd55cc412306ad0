using System;
using System.Collections.Generic;

namespace PolicyCheck.Rules;

/// <summary>Spelling helpers for "did you mean" suggestions, and how messages quote a value.</summary>
public static class Names
{
    /// <summary>A value as a message quotes it: control characters and lone surrogates as \uxxxx (the secret mask
    /// masks this form too).</summary>
    public static string Printable(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (char.IsSurrogate(c) || char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Case-insensitive Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            var t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.Length];
    }

    /// <summary>The candidate closest to <paramref name="name"/>, or null when none is reasonably close.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestScore = int.MaxValue;
        foreach (var c in candidates)
        {
            // The distance is at least the difference in length: skip what could not be accepted or beat the best.
            int gap = Math.Abs(name.Length - c.Length);
            if (gap >= bestScore || gap > Math.Max(3, Math.Min(name.Length, c.Length) / 2)) continue;
            int d = Distance(name, c);
            if (d < bestScore)
            {
                best = c;
                bestScore = d;
            }
        }
        if (best == null) return null;
        int limit = Math.Max(3, Math.Min(name.Length, best.Length) / 2);
        return bestScore <= limit ? best : null;
    }

    /// <summary>"a, b, c and 4 more".</summary>
    public static string List(IReadOnlyList<string> items, int max = 6)
    {
        if (items.Count <= max) return string.Join(", ", items);
        var head = new List<string>();
        for (int i = 0; i < max; i++) head.Add(items[i]);
        return string.Join(", ", head) + $" and {items.Count - max} more";
    }

    /// <summary>Splits "service:Action" at the first ':'.</summary>
    /// <summary>The same for a policy's value, split once however many rules ask.</summary>
    public static bool SplitAction(Model.StringValue value, out string prefix, out string name)
    {
        var parts = value.ActionParts;
        if (parts == null)
        {
            bool split = SplitAction(value.Value, out prefix, out name);
            value.ActionParts = split ? new[] { prefix, name } : System.Array.Empty<string>();
            return split;
        }
        if (parts.Length == 0)
        {
            prefix = string.Empty;
            name = value.Value;
            return false;
        }
        prefix = parts[0];
        name = parts[1];
        return true;
    }

    public static bool SplitAction(string value, out string prefix, out string name)
    {
        int colon = value.IndexOf(':');
        if (colon <= 0)
        {
            prefix = string.Empty;
            name = value;
            return false;
        }
        prefix = value.Substring(0, colon);
        name = value.Substring(colon + 1);
        return true;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PolicyCheck.Diff;

/// <summary>Whether every string one IAM wildcard pattern matches is matched by another ('*' any run, '?' one character).</summary>
public static class GlobCover
{
    /// <summary>Past this many cells the question is left open (false: "not shown to cover").</summary>
    public const int MaxCells = 4_000_000;

    /// <summary>
    /// True only when <paramref name="outer"/> surely matches everything <paramref name="inner"/> matches: the inner
    /// pattern's '*' must fall inside an outer '*', its '?' inside an outer '?' or '*'. Exact when the outer pattern has
    /// no '?'; with '?' it may answer false for a cover it cannot show, never true for one that does not hold.
    /// </summary>
    public static bool Covers(string outer, string inner, bool ignoreCase)
    {
        string b = Normalize(outer), h = Normalize(inner);
        if (b == "*") return true;
        if ((long)(b.Length + 1) * (h.Length + 1) > MaxCells) return false;
        // next[j]: b[i+1..] covers h[j..]; row[j]: b[i..] covers h[j..]
        var next = new bool[h.Length + 1];
        var row = new bool[h.Length + 1];
        next[h.Length] = true;
        for (int i = b.Length - 1; i >= 0; i--)
        {
            char bc = b[i];
            for (int j = h.Length; j >= 0; j--)
            {
                bool v;
                if (bc == '*') v = next[j] || (j < h.Length && row[j + 1]);
                else if (j == h.Length || h[j] == '*') v = false;
                else if (bc == '?') v = next[j + 1];
                else v = h[j] != '?' && Same(bc, h[j], ignoreCase) && next[j + 1];
                row[j] = v;
            }
            (next, row) = (row, next);
        }
        return next[0];
    }

    /// <summary>A run of '*' and '?' holding a '*' means "at least n characters": written as n '?' and one '*'.</summary>
    public static string Normalize(string p)
    {
        if (p.IndexOf('*') < 0) return p;
        var sb = new StringBuilder(p.Length);
        int i = 0;
        while (i < p.Length)
        {
            char c = p[i];
            if (c != '*' && c != '?')
            {
                sb.Append(c);
                i++;
                continue;
            }
            int q = 0;
            bool star = false;
            while (i < p.Length && (p[i] == '*' || p[i] == '?'))
            {
                if (p[i] == '*') star = true;
                else q++;
                i++;
            }
            sb.Append('?', q);
            if (star) sb.Append('*');
        }
        return sb.ToString();
    }

    /// <summary>Past this many search states <see cref="Uncovered"/> gives up (null: no string shown).</summary>
    public const int MaxStates = 20_000;

    /// <summary>
    /// A shortest string <paramref name="inner"/> matches and none of <paramref name="outers"/> matches, or null when
    /// there is none (the outers cover it together) or the search passes <see cref="MaxStates"/>. A breadth-first search
    /// over the patterns' positions; the letters tried are the patterns' own and one they do not use.
    /// </summary>
    public static string? Uncovered(string inner, IReadOnlyList<string> outers, bool ignoreCase)
    {
        foreach (var o in outers) if (Covers(o, inner, ignoreCase)) return null;
        var patterns = new List<string> { inner };
        patterns.AddRange(outers);
        var letters = new List<char>();
        foreach (var p in patterns)
            foreach (var c in p)
                if (c != '*' && c != '?' && !letters.Exists(l => Same(l, c, ignoreCase))) letters.Add(c);
        foreach (var fresh in "xz0_Q")
        {
            if (!letters.Exists(l => Same(l, fresh, ignoreCase)))
            {
                letters.Add(fresh);
                break;
            }
        }
        var start = patterns.Select(p => Closure(p, new SortedSet<int> { 0 })).ToList();
        var queue = new Queue<(List<SortedSet<int>> States, string Text)>();
        var seen = new HashSet<string> { Key(start) };
        queue.Enqueue((start, string.Empty));
        while (queue.Count > 0)
        {
            var (states, text) = queue.Dequeue();
            if (states[0].Contains(inner.Length) && Enumerable.Range(1, outers.Count).All(k => !states[k].Contains(patterns[k].Length))) return text;
            foreach (var c in letters)
            {
                var next = new List<SortedSet<int>>(patterns.Count);
                for (int k = 0; k < patterns.Count; k++) next.Add(Step(patterns[k], states[k], c, ignoreCase));
                if (next[0].Count == 0) continue;
                if (!seen.Add(Key(next))) continue;
                if (seen.Count > MaxStates) return null;
                queue.Enqueue((next, text + c));
            }
        }
        return null;
    }

    private static SortedSet<int> Closure(string p, SortedSet<int> set)
    {
        var list = set.ToList();
        foreach (var i in list)
            for (int j = i; j < p.Length && p[j] == '*'; j++) set.Add(j + 1);
        return set;
    }

    private static SortedSet<int> Step(string p, SortedSet<int> from, char c, bool ignoreCase)
    {
        var to = new SortedSet<int>();
        foreach (var i in from)
        {
            if (i >= p.Length) continue;
            if (p[i] == '*') to.Add(i);
            else if (p[i] == '?' || Same(p[i], c, ignoreCase)) to.Add(i + 1);
        }
        return Closure(p, to);
    }

    private static string Key(List<SortedSet<int>> states) => string.Join("|", states.Select(s => string.Join(",", s)));

    private static bool Same(char a, char b, bool ignoreCase)
        => a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

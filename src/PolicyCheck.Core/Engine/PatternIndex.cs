using System;
using System.Collections.Generic;

namespace PolicyCheck.Engine;

/// <summary>
/// Many IAM wildcard patterns, to match many texts against without comparing every pair: a text is compared only with
/// the patterns whose fixed start is a start of it (or, for patterns that begin with a wildcard, whose fixed end ends
/// it). Patterns with neither ("*x*") are compared with every text, within a budget the caller gives.
/// </summary>
public sealed class PatternIndex
{
    private readonly List<string> _patterns = new List<string>();
    private readonly List<int> _order = new List<int>();
    private readonly bool _ignoreCase;
    private readonly Dictionary<string, List<int>> _byPrefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _bySuffix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
    private readonly SortedSet<int> _prefixLengths = new SortedSet<int>();
    private readonly SortedSet<int> _suffixLengths = new SortedSet<int>();
    private readonly List<int> _floating = new List<int>();
    /// <summary>Patterns of stars only, which match every text: the two of lowest order are all that can be needed.</summary>
    private readonly List<int> _matchAll = new List<int>();

    /// <param name="patterns">(pattern, order): the lowest order among the matches is the one reported.</param>
    public PatternIndex(IEnumerable<(string Pattern, int Order)> patterns, bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        foreach (var (pattern, order) in patterns)
        {
            int id = _patterns.Count;
            _patterns.Add(pattern);
            _order.Add(order);
            int first = FirstSpecial(pattern), last = LastSpecial(pattern);
            if (first < 0) first = pattern.Length; // no wildcard: its fixed start is all of it
            if (first > 0)
            {
                Add(_byPrefix, Key(pattern.Substring(0, first)), id);
                _prefixLengths.Add(first);
            }
            else if (last < pattern.Length - 1)
            {
                Add(_bySuffix, Key(pattern.Substring(last + 1)), id);
                _suffixLengths.Add(pattern.Length - last - 1);
            }
            else if (IsStars(pattern))
            {
                _matchAll.Add(id);
                _matchAll.Sort((a, b) => _order[a].CompareTo(_order[b]));
                if (_matchAll.Count > 2) _matchAll.RemoveAt(2);
            }
            else
            {
                _floating.Add(id);
            }
        }
    }

    /// <summary>Compared so far (each a full pattern match).</summary>
    public long Comparisons { get; private set; }

    /// <summary>
    /// The matching pattern with the lowest order, other than the one of order <paramref name="self"/>; null when none.
    /// At most <paramref name="budget"/> comparisons in all: past it, <see cref="Exhausted"/> is set and the rest are not made.
    /// </summary>
    public string? FirstMatch(string text, int self, long budget)
    {
        int best = -1;
        foreach (int id in _matchAll)
        {
            if (_order[id] == self) continue;
            best = id;
            break;
        }
        bool Consider(List<int> ids)
        {
            foreach (int id in ids)
            {
                if (_order[id] == self || (best >= 0 && _order[id] >= _order[best])) continue;
                if (Comparisons >= budget)
                {
                    Exhausted = true;
                    return false;
                }
                Comparisons++;
                if (Wildcard.Match(_patterns[id], text, _ignoreCase)) best = id;
            }
            return true;
        }
        foreach (int length in _prefixLengths)
        {
            if (length > text.Length) break;
            if (_byPrefix.TryGetValue(Key(text.Substring(0, length)), out var ids) && !Consider(ids)) return Found(best);
        }
        foreach (int length in _suffixLengths)
        {
            if (length > text.Length) break;
            if (_bySuffix.TryGetValue(Key(text.Substring(text.Length - length)), out var ids) && !Consider(ids)) return Found(best);
        }
        Consider(_floating);
        return Found(best);
    }

    private string? Found(int id) => id >= 0 ? _patterns[id] : null;

    /// <summary>True once a match was cut short by the budget: some texts were not compared with every pattern.</summary>
    public bool Exhausted { get; private set; }

    // The matcher compares characters upper-cased when case is ignored; the keys do the same.
    private string Key(string s) => _ignoreCase ? s.ToUpperInvariant() : s;

    private static void Add(Dictionary<string, List<int>> map, string key, int id)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<int>();
        list.Add(id);
    }

    private static bool Special(char c) => c == '*' || c == '?' || c == PolicyCheck.Evaluation.PolicyVariables.Escape;

    private static int FirstSpecial(string s)
    {
        for (int i = 0; i < s.Length; i++) if (Special(s[i])) return i;
        return -1;
    }

    private static int LastSpecial(string s)
    {
        for (int i = s.Length - 1; i >= 0; i--) if (Special(s[i])) return i;
        return -1;
    }

    private static bool IsStars(string s)
    {
        foreach (char c in s) if (c != '*') return false;
        return s.Length > 0;
    }
}

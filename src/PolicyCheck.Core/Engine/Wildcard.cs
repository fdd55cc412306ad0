using System;

namespace PolicyCheck.Engine;

/// <summary>IAM-style wildcard matching: '*' matches any run of characters (including none), '?' exactly one.</summary>
public static class Wildcard
{
    public static bool HasWildcard(string s) => s.IndexOf('*') >= 0 || s.IndexOf('?') >= 0;

    /// <summary>One matcher for the whole project: the evaluator's (<see cref="Evaluation.Patterns.Like(string, string, bool)"/>).</summary>
    public static bool Match(string pattern, string text, bool ignoreCase) => Evaluation.Patterns.Like(pattern, text, ignoreCase);

    /// <summary>Path globs for suppressions: '**' spans folders, '*' and '?' stay inside one folder.</summary>
    public static bool MatchPath(string glob, string path)
    {
        glob = glob.Replace('\\', '/');
        path = path.Replace('\\', '/');
        if (path.StartsWith("./", StringComparison.Ordinal)) path = path.Substring(2);
        if (glob.StartsWith("./", StringComparison.Ordinal)) glob = glob.Substring(2);
        return MatchPathAt(glob, 0, path, 0, new bool[(glob.Length + 1) * (path.Length + 1)]);
    }

    /// <summary>
    /// Each (glob position, path position) is tried once: a failed pair is remembered, so "**a**a**a…b" costs
    /// |glob|·|path|² steps at worst instead of growing exponentially.
    /// </summary>
    private static bool MatchPathAt(string g, int gi, string s, int si, bool[] failed)
    {
        int key = gi * (s.Length + 1) + si;
        if (failed[key]) return false;
        bool matched = MatchFrom(g, gi, s, si, failed);
        if (!matched) failed[key] = true;
        return matched;
    }

    private static bool MatchFrom(string g, int gi, string s, int si, bool[] failed)
    {
        while (gi < g.Length)
        {
            char c = g[gi];
            if (c == '*')
            {
                bool doubleStar = gi + 1 < g.Length && g[gi + 1] == '*';
                if (doubleStar)
                {
                    int next = gi + 2;
                    if (next < g.Length && g[next] == '/') next++;
                    for (int k = si; k <= s.Length; k++)
                    {
                        if ((k == si || s[k - 1] == '/' || next == gi + 2) && MatchPathAt(g, next, s, k, failed)) return true;
                    }
                    return false;
                }
                for (int k = si; k <= s.Length; k++)
                {
                    if (MatchPathAt(g, gi + 1, s, k, failed)) return true;
                    if (k < s.Length && s[k] == '/') break;
                }
                return false;
            }
            if (si >= s.Length) return false;
            if (c == '?')
            {
                if (s[si] == '/') return false;
            }
            else if (c != s[si])
            {
                return false;
            }
            gi++;
            si++;
        }
        return si == s.Length;
    }
}

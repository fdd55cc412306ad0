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

    private static bool Same(char a, char b, bool ignoreCase)
        => a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

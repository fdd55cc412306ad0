using System;

namespace PolicyCheck.Evaluation;

/// <summary>Wildcard and ARN matching as IAM does it, honouring literal characters from resolved variables.</summary>
public static class Patterns
{
    /// <summary>'*' any run, '?' one character; a character after <see cref="PolicyVariables.Escape"/> is literal.</summary>
    public static bool Like(string pattern, int pStart, int pEnd, string text, int tStart, int tEnd, bool ignoreCase)
    {
        int p = pStart, t = tStart, starP = -1, starT = 0;
#if NET8_0_OR_GREATER
        // The literal start (up to the first wildcard or escape) in one vectorised step: what the loop below would match
        // character by character before any '*'.
        var head = pattern.AsSpan(pStart, pEnd - pStart);
        int literal = head.IndexOfAny('*', '?', PolicyVariables.Escape);
        if (literal < 0) literal = head.Length;
        int common = head.Slice(0, literal).CommonPrefixLength(text.AsSpan(tStart, tEnd - tStart));
        if (common == head.Length) return tEnd - tStart == common; // no wildcard, all of it matched
        p += common;
        t += common;
#endif
        while (t < tEnd)
        {
            if (p < pEnd)
            {
                char c = pattern[p];
                if (c == '*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                if (c == '?')
                {
                    p++;
                    t++;
                    continue;
                }
                int width = 1;
                if (c == PolicyVariables.Escape && p + 1 < pEnd)
                {
                    c = pattern[p + 1];
                    width = 2;
                }
                if (Same(c, text[t], ignoreCase))
                {
                    p += width;
                    t++;
                    continue;
                }
            }
            if (starP < 0) return false;
            p = starP;
            t = ++starT;
        }
        while (p < pEnd && pattern[p] == '*') p++;
        return p == pEnd;
    }

    public static bool Like(string pattern, string text, bool ignoreCase)
        => Like(pattern, 0, pattern.Length, text, 0, text.Length, ignoreCase);

    public static bool Equal(string pattern, string text, bool ignoreCase)
    {
        if (pattern.IndexOf(PolicyVariables.Escape) >= 0) pattern = PolicyVariables.Unescape(pattern);
        return string.Equals(pattern, text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static bool Same(char a, char b, bool ignoreCase)
        => a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    /// <summary>
    /// ARN matching: the six colon-separated parts are compared one by one (the resource part keeps its colons);
    /// a pattern of "*" matches everything. In a Resource element a pattern with fewer than six parts
    /// ("arn:aws:s3:*") matches as one wildcard string; condition operators (<paramref name="strict"/>) need all six.
    /// </summary>
    public static bool ArnLike(string pattern, string arn, bool strict = false)
    {
        if (pattern.Length == 1 && pattern[0] == '*') return true;
        int pp = 0, ap = 0;
        for (int part = 0; part < 5; part++)
        {
            int pc = IndexOfUnescaped(pattern, ':', pp);
            int ac = arn.IndexOf(':', ap);
            if (pc < 0 || ac < 0)
            {
                return !strict && pc < 0 && part > 0 && Like(pattern, arn, ignoreCase: false);
            }
            if (!Like(pattern, pp, pc, arn, ap, ac, ignoreCase: false)) return false;
            pp = pc + 1;
            ap = ac + 1;
        }
        return Like(pattern, pp, pattern.Length, arn, ap, arn.Length, ignoreCase: false);
    }

    private static int IndexOfUnescaped(string s, char c, int from)
    {
        for (int i = from; i < s.Length; i++)
        {
            if (s[i] == PolicyVariables.Escape)
            {
                i++;
                continue;
            }
            if (s[i] == c) return i;
        }
        return -1;
    }
}

using System;
using System.Text;

namespace PolicyCheck.Evaluation;

/// <summary>
/// Policy variables (${aws:username}, ${aws:PrincipalTag/team, 'none'}, ${*}, ${?}, ${$}), resolved only in
/// Version 2012-10-17 documents. Resolved text is literal: a '*' from a variable is not a wildcard.
/// </summary>
public static class PolicyVariables
{
    /// <summary>Marks the next character as literal in a resolved pattern.</summary>
    public const char Escape = '\u0001';

    public static bool HasVariable(string s) => s.IndexOf("${", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// Resolves the variables in <paramref name="value"/>. Returns false (with the reason) when a variable has no
    /// value in the context and no default: AWS then treats the element as not matching.
    /// </summary>
    public static bool TryResolve(string value, RequestContext context, out string pattern, out string? missing)
    {
        missing = null;
        int i = value.IndexOf("${", StringComparison.Ordinal);
        if (i < 0)
        {
            pattern = value;
            return true;
        }
        var sb = new StringBuilder(value.Length + 16);
        int pos = 0;
        while (i >= 0)
        {
            int end = value.IndexOf('}', i + 2);
            if (end < 0) break;
            sb.Append(value, pos, i - pos);
            string inner = value.Substring(i + 2, end - i - 2);
            if (!TryValue(inner, context, out string? resolved))
            {
                pattern = value;
                missing = inner.Trim();
                return false;
            }
            foreach (char c in resolved!) sb.Append(Escape).Append(c);
            pos = end + 1;
            i = value.IndexOf("${", pos, StringComparison.Ordinal);
        }
        sb.Append(value, pos, value.Length - pos);
        pattern = sb.ToString();
        return true;
    }

    private static bool TryValue(string inner, RequestContext context, out string? value)
    {
        string t = inner.Trim();
        if (t == "*" || t == "?" || t == "$")
        {
            value = t;
            return true;
        }
        string key = t;
        string? fallback = null;
        int comma = t.IndexOf(',');
        if (comma >= 0)
        {
            key = t.Substring(0, comma).Trim();
            string d = t.Substring(comma + 1).Trim();
            if (d.Length >= 2 && d[0] == '\'' && d[d.Length - 1] == '\'') fallback = d.Substring(1, d.Length - 2);
        }
        if (context.TryGet(key, out var cv) && cv.Values.Count == 1)
        {
            value = cv.Values[0];
            return true;
        }
        value = fallback;
        return fallback != null;
    }

    /// <summary>
    /// Where the resource part of an ARN pattern starts: after its fifth colon, not counting colons inside ${…};
    /// -1 when the text has fewer than five.
    /// </summary>
    public static int ResourcePartStart(string arn)
    {
        int colons = 0;
        for (int i = 0; i < arn.Length; i++)
        {
            if (arn[i] == '$' && i + 1 < arn.Length && arn[i + 1] == '{')
            {
                int end = arn.IndexOf('}', i + 2);
                if (end < 0) break;
                i = end;
                continue;
            }
            if (arn[i] == ':' && ++colons == 5) return i + 1;
        }
        return -1;
    }

    /// <summary>The text with every ${…} made literal (its '*' and '?' match only themselves).</summary>
    public static string Literal(string text)
    {
        int i = text.IndexOf("${", StringComparison.Ordinal);
        if (i < 0) return text;
        var sb = new StringBuilder(text.Length * 2);
        int pos = 0;
        while (i >= 0)
        {
            int end = text.IndexOf('}', i + 2);
            if (end < 0) break;
            sb.Append(text, pos, i - pos);
            for (int k = i; k <= end; k++) sb.Append(Escape).Append(text[k]);
            pos = end + 1;
            i = text.IndexOf("${", pos, StringComparison.Ordinal);
        }
        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    /// <summary>The context key a variable's inner text names ("aws:username" of "aws:username, 'x'").</summary>
    public static string KeyOf(string inner)
    {
        int comma = inner.IndexOf(',');
        return (comma >= 0 ? inner.Substring(0, comma) : inner).Trim();
    }

    /// <summary>The pattern with escapes removed, for exact comparisons.</summary>
    public static string Unescape(string pattern)
    {
        if (pattern.IndexOf(Escape) < 0) return pattern;
        var sb = new StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == Escape && i + 1 < pattern.Length) i++;
            sb.Append(pattern[i]);
        }
        return sb.ToString();
    }
}

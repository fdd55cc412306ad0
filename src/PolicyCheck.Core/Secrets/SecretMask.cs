using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
#if NET8_0_OR_GREATER
using Text = System.ReadOnlySpan<char>;
#else
using Text = System.String;
#endif

namespace PolicyCheck.Secrets;

/// <summary>
/// The one redaction layer: everything PolicyCheck prints, logs or writes passes through <see cref="Apply"/>.
/// It masks the secrets it was told about (from the environment, the config, the credentials in use) and anything
/// shaped like a credential: Authorization headers, API-key headers, session tokens and secret keys in XML/JSON, Anthropic keys.
/// </summary>
public sealed partial class SecretMask
{
    public const string Mask = "****";
    private readonly HashSet<string> _secrets = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>The secrets (4 characters or more) by their first four characters, longest first: one pass masks them all.</summary>
    private readonly Dictionary<ulong, List<string>> _byPrefix = new Dictionary<ulong, List<string>>();
    /// <summary>The secrets' first two characters (folded to 7 bits), a bit each: most places in a text start no secret.</summary>
    private readonly ulong[] _starts = new ulong[(1 << 14) / 64];

    private static int Pair(Text s, int i) => (s[i] & 0x7F) << 7 | (s[i + 1] & 0x7F);
    /// <summary>Secrets of 2–3 characters (IAM allows an external ID of 2): masked only where they stand alone.</summary>
    private readonly List<Regex> _short = new List<Regex>();
    private readonly object _gate = new object();
    /// <summary>Whether any secret was added (read without the lock on every answer of a batch).</summary>
    private volatile bool _known;

    /// <summary>
    /// Every credential shape in one expression (one scan per text); group k is the part kept before the mask. No
    /// branch starts with a quote (the JSON key's is a lookbehind): the scan then stops at few places in JSON output.
    /// </summary>
    public const string ShapePattern = @"(?i)(?<k>authorization[""']?\s*[:=]\s*[""']?)(?:AWS4-HMAC-SHA256|Bearer|Basic)[^""'\r\n]*|(?<k>(?:x-api-key|x-portkey-api-key|x-amz-security-token|aws_secret_access_key|aws_session_token)[""']?\s*[:=]\s*[""']?)[^\s""',;<]+|(?<k><(?:SecretAccessKey|SessionToken)>)[^<]*|(?<="")(?<k>(?:SecretAccessKey|SessionToken|secret_access_key|session_token)""\s*:\s*"")[^""]*|(?<k>)(?-i:sk-ant-[A-Za-z0-9_\-]{8,})";
#if NET7_0_OR_GREATER
    [GeneratedRegex(ShapePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ShapeRegex();
    private static readonly Regex Shapes = ShapeRegex();
#else
    private static readonly Regex Shapes = new Regex(ShapePattern, RegexOptions.CultureInvariant);
#endif

#if !NET8_0_OR_GREATER
    private static readonly char[] ShapeSeparators = { ':', '=', '>' };
#endif

    /// <summary>
    /// False only where the shapes cannot match: ASCII text without "sk-ant-" in which no ':', '=' or '>' follows
    /// (past blanks and one quote) a word a shape's key ends in: key, token, authorization. The scan stops at those
    /// separators only, far fewer places than the expression's own search.
    /// </summary>
#if NET8_0_OR_GREATER
    private static bool MayHaveShape(Text text) => !IsAscii(text) || AsciiMayHaveShape(text, "sk-ant-".AsSpan());

    /// <summary><see cref="MayHaveShape"/> for ASCII text, as characters or as bytes (the same values).</summary>
    private static bool AsciiMayHaveShape<T>(ReadOnlySpan<T> text, ReadOnlySpan<T> anthropicKey) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (text.IndexOf(anthropicKey) >= 0) return true;
        T colon = T.CreateTruncating(':'), equals = T.CreateTruncating('='), closing = T.CreateTruncating('>');
        int from = 0;
        while (true)
        {
            int p = text.Slice(from).IndexOfAny(colon, equals, closing);
            if (p < 0) return false;
            p += from;
            int j = p - 1;
            while (j >= 0 && int.CreateTruncating(text[j]) <= ' ') j--;
            if (j >= 0 && int.CreateTruncating(text[j]) is '"' or '\'') j--;
            // The words end in 'y' or 'n': most separators follow neither.
            int last = j >= 0 ? int.CreateTruncating(text[j]) | 0x20 : 0;
            if ((last == 'y' && EndsWith(text, j, "key")) || (last == 'n' && (EndsWith(text, j, "token") || EndsWith(text, j, "authorization")))) return true;
            from = p + 1;
        }
    }

    /// <summary>Whether text[..last] ends with the lower-case ASCII word, in either case.</summary>
    private static bool EndsWith<T>(ReadOnlySpan<T> text, int last, string word) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int start = last - word.Length + 1;
        if (start < 0) return false;
        for (int i = 0; i < word.Length; i++)
        {
            if ((int.CreateTruncating(text[start + i]) | 0x20) != word[i]) return false;
        }
        return true;
    }
#else
    private static bool MayHaveShape(Text text)
    {
        if (!IsAscii(text) || text.IndexOf("sk-ant-", StringComparison.Ordinal) >= 0) return true;
        int from = 0;
        while (true)
        {
            int p = text.IndexOfAny(ShapeSeparators, from);
            if (p < 0) return false;
            int j = p - 1;
            while (j >= 0 && text[j] <= ' ') j--;
            if (j >= 0 && (text[j] == '"' || text[j] == '\'')) j--;
            int last = j >= 0 ? text[j] | 0x20 : 0;
            if ((last == 'y' && EndsWith(text, j, "key")) || (last == 'n' && (EndsWith(text, j, "token") || EndsWith(text, j, "authorization")))) return true;
            from = p + 1;
        }
    }

    private static bool EndsWith(Text text, int last, string word)
    {
        int start = last - word.Length + 1;
        if (start < 0) return false;
        for (int i = 0; i < word.Length; i++)
        {
            if ((text[start + i] | 0x20) != word[i]) return false;
        }
        return true;
    }
#endif

    private static bool IsAscii(Text text)
    {
#if NET8_0_OR_GREATER
        return System.Text.Ascii.IsValid(text);
#else
        foreach (char c in text) if (c > 0x7F) return false;
        return true;
#endif
    }

    /// <summary>Environment variables whose values are always masked.</summary>
    public static readonly string[] SecretVariables =
    {
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "PORTKEY_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AWS_API_KEY",
    };

    /// <summary>A mask of this one's secrets and <paramref name="more"/> (this one is left as it is).</summary>
    public SecretMask With(IEnumerable<string?> more)
    {
        var mask = new SecretMask();
        lock (_gate)
        {
            mask._secrets.UnionWith(_secrets);
            foreach (var pair in _byPrefix) mask._byPrefix.Add(pair.Key, new List<string>(pair.Value));
            Array.Copy(_starts, mask._starts, _starts.Length);
            mask._short.AddRange(_short);
            mask._known = _known;
        }
        foreach (var s in more) mask.Add(s);
        return mask;
    }

    public static SecretMask FromEnvironment(Func<string, string?> env)
    {
        var mask = new SecretMask();
        foreach (var name in SecretVariables) mask.Add(env(name));
        return mask;
    }

    /// <summary>
    /// Masks this value from now on, as written and in every form an output may encode it into (JSON escapes, strict or
    /// relaxed; URL encoding; base64; GitHub workflow-command escapes); a value of 2–3 characters only as a whole token.
    /// </summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret!.Length < 2) return;
        AddForms(Forms(secret));
    }

    /// <summary>Many secrets (a repository's external IDs): their forms are worked out on every core, then added in order.</summary>
    public void AddAll(IReadOnlyList<string> secrets)
    {
        var distinct = new List<string>(secrets.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in secrets) if (!string.IsNullOrEmpty(s) && s.Length >= 2 && seen.Add(s)) distinct.Add(s);
        var forms = new IEnumerable<string>[distinct.Count];
        if (distinct.Count < 64) for (int i = 0; i < distinct.Count; i++) forms[i] = Forms(distinct[i]);
        else System.Threading.Tasks.Parallel.For(0, distinct.Count, i => forms[i] = Forms(distinct[i]));
        AddForms(forms);
    }

    private static IEnumerable<string> Forms(string secret)
    {
        // An external ID has no parts: its two forms as they are.
        if (secret.IndexOfAny(PartSeparators) < 0) return Encodings(secret);
        var forms = new HashSet<string>(Encodings(secret), StringComparer.Ordinal);
        // A message may quote one part of it (the "service" before ':', one line): parts of 8 or more are masked too.
        foreach (var part in secret.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length >= MinPart && part.Length < secret.Length) forms.UnionWith(Encodings(part));
        }
        return forms;
    }

    private static readonly char[] PartSeparators = { ':', '/', '\r', '\n', ' ', '\t', ',', ';', '|', '*', '?' };
    private const int MinPart = 8;

    /// <summary>The secret and the forms the formatters and HTTP layers may write it in, each once.</summary>
    public static IEnumerable<string> Encodings(string secret)
    {
        // Letters, digits, '-', '_' and '.' (an external ID, a key ID) are written as they are by every encoding but base64.
        if (Plain(secret)) return new[] { secret, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)) };
        return new HashSet<string>(EveryEncoding(secret), StringComparer.Ordinal);
    }

    private static bool Plain(string s)
    {
        foreach (char c in s)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
        }
        return true;
    }

    /// <summary>Each encoding of the secret in turn (forms repeat where an encoding changes nothing).</summary>
    public static IEnumerable<string> EveryEncoding(string secret)
    {
        yield return secret;
        yield return JsonEscaped(secret, strict: false);
        yield return JsonEscaped(secret, strict: true);
        yield return Uri.EscapeDataString(secret);
        yield return System.Net.WebUtility.UrlEncode(secret);
        yield return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));
        yield return secret.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        yield return secret.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").Replace(":", "%3A").Replace(",", "%2C");
        yield return XmlEscaped(secret, attribute: false);
        yield return XmlEscaped(secret, attribute: true);
        string printable = PolicyCheck.Rules.Names.Printable(secret);
        yield return printable;
        yield return XmlEscaped(printable, attribute: false);
        yield return XmlEscaped(printable, attribute: true);
    }

    /// <summary>As the JUnit report's XML writer writes it in text (line ends as \n) or in an attribute; characters XML
    /// cannot hold as U+FFFD.</summary>
    private static string XmlEscaped(string s, bool attribute)
    {
        if (!attribute) s = s.Replace("\r\n", "\n").Replace('\r', '\n');
        var sb = new System.Text.StringBuilder(s.Length + 8);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }
            switch (c)
            {
                case '&': sb.Append("&amp;"); continue;
                case '<': sb.Append("&lt;"); continue;
                case '>': sb.Append("&gt;"); continue;
                case '"' when attribute: sb.Append("&quot;"); continue;
                case '\n' when attribute: sb.Append("&#xA;"); continue;
                case '\r' when attribute: sb.Append("&#xD;"); continue;
                case '\t' when attribute: sb.Append("&#x9;"); continue;
            }
            bool xml = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            sb.Append(xml ? c : '\uFFFD');
        }
        return sb.ToString();
    }

    /// <summary>As a JSON writer writes it: strict is System.Text.Json's default encoder (HTML-sensitive and non-ASCII characters as \uXXXX).</summary>
    private static string JsonEscaped(string s, bool strict)
    {
        var sb = new System.Text.StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append(strict ? "\\u0022" : "\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
            }
            bool escape = c < 0x20 || (strict && (c > 0x7E || c == '+' || c == '&' || c == '<' || c == '>' || c == '\'' || c == '`'));
            if (escape) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private void AddForms(IEnumerable<string> forms) => AddForms(new[] { forms });

    /// <summary>Adds every form of every set; a prefix's list that gains many is sorted once (5,000 external IDs share "tena").</summary>
    private void AddForms(IReadOnlyList<IEnumerable<string>> sets)
    {
        lock (_gate)
        {
            Dictionary<List<string>, int>? gained = null;
            foreach (var forms in sets)
            {
                foreach (var secret in forms)
                {
                    if (string.IsNullOrEmpty(secret) || secret.Length < 2) continue;
                    if (secret.Length < 4)
                    {
                        _short.Add(new Regex(@"(?<![A-Za-z0-9_\-])" + Regex.Escape(secret) + @"(?![A-Za-z0-9_\-])", RegexOptions.CultureInvariant));
                        _known = true;
                        continue;
                    }
                    if (!_secrets.Add(secret)) continue;
                    _known = true;
                    ulong key = Prefix(secret, 0);
                    int pair = Pair(secret, 0);
                    _starts[pair >> 6] |= 1UL << (pair & 63);
                    if (!_byPrefix.TryGetValue(key, out var list)) _byPrefix[key] = list = new List<string>();
                    _prefixes = null;
                    list.Add(secret);
                    gained ??= new Dictionary<List<string>, int>();
                    gained[list] = gained.TryGetValue(list, out int n) ? n + 1 : 1;
                }
            }
            if (gained == null) return;
            // Longest first, so a secret that contains another is masked whole; of equal length, at most one matches at a place.
            foreach (var pair in gained)
            {
                var list = pair.Key;
                if (pair.Value > 1)
                {
                    SortLongestFirst(list);
                    continue;
                }
                string secret = list[list.Count - 1];
                list.RemoveAt(list.Count - 1);
                int lo = 0, hi = list.Count;
                while (lo < hi)
                {
                    int mid = (lo + hi) / 2;
                    if (list[mid].Length >= secret.Length) lo = mid + 1;
                    else hi = mid;
                }
                list.Insert(lo, secret);
            }
        }
    }

    private static readonly Comparison<string> LongestFirst = (a, b) => b.Length.CompareTo(a.Length);

    /// <summary>Longest first, by counting the lengths (a list of thousands of IDs of a few lengths); the order of equals kept.</summary>
    private static void SortLongestFirst(List<string> list)
    {
        int max = 0;
        foreach (var s in list) max = Math.Max(max, s.Length);
        if (max > 4096)
        {
            list.Sort(LongestFirst);
            return;
        }
        var at = new int[max + 2];
        foreach (var s in list) at[max - s.Length + 1]++;
        for (int i = 1; i < at.Length; i++) at[i] += at[i - 1];
        var sorted = new string[list.Count];
        foreach (var s in list) sorted[at[max - s.Length]++] = s;
        list.Clear();
        list.AddRange(sorted);
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        string result = text!;
        lock (_gate)
        {
            if (_secrets.Count > 0) result = MaskKnown(result);
            foreach (var r in _short) result = r.Replace(result, Mask);
        }
        if (MayHaveShape(result)) result = Shapes.Replace(result, "${k}" + Mask);
        return result;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Whether <see cref="Apply"/> could change the text these UTF-8 bytes are; false only where it would not (a
    /// batch then keeps the UTF-8 of its answer as written, with no string made).
    /// </summary>
    public bool Changes(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return false;
        bool known = _known;
        // ASCII with no secret to look for (most answers): the bytes are scanned as they are.
        if (!known && System.Text.Ascii.IsValid(utf8) && !AsciiMayHaveShape(utf8, "sk-ant-"u8)) return false;
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            int n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
            return Changes(chars.AsSpan(0, n));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary><see cref="Changes(ReadOnlySpan{byte})"/> for text.</summary>
    public bool Changes(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        lock (_gate)
        {
            if (_secrets.Count > 0 && FindsKnown(text)) return true;
            foreach (var r in _short) if (r.IsMatch(text)) return true;
        }
        return MayHaveShape(text) && Shapes.IsMatch(text);
    }

    /// <summary>Whether a known secret starts anywhere in the text (where <see cref="MaskKnown"/> would mask one).</summary>
    private bool FindsKnown(ReadOnlySpan<char> text)
    {
        var prefixes = _byPrefix.Count <= MaxSearched ? _prefixes ??= Prefixes() : null;
        if (prefixes == null)
        {
            for (int i = 0; i + 4 <= text.Length; i++) if (LongestAt(text, i) > 0) return true;
            return false;
        }
        foreach (var prefix in prefixes)
        {
            for (int from = 0; ;)
            {
                int at = text.Slice(from).IndexOf(prefix.AsSpan());
                if (at < 0) break;
                if (LongestAt(text, from + at) > 0) return true;
                from += at + 1;
            }
        }
        return false;
    }
#endif

    private static ulong Prefix(Text s, int i) => s[i] | (ulong)s[i + 1] << 16 | (ulong)s[i + 2] << 32 | (ulong)s[i + 3] << 48;

    /// <summary>
    /// Left to right, the longest known secret at each place becomes the mask, and so does every secret overlapping it
    /// (one starting inside another is masked to its end): linear in the text, whatever the number of secrets.
    /// </summary>
    private string MaskKnown(string text)
    {
        System.Text.StringBuilder? sb = null;
        int copied = 0, i = 0;
        // Few distinct first four characters (a repository's external IDs share theirs): jump to where one occurs.
        var prefixes = _byPrefix.Count <= MaxSearched ? _prefixes ??= Prefixes() : null;
        int[]? next = prefixes != null ? new int[prefixes.Length] : null;
        while (i + 4 <= text.Length)
        {
            if (prefixes != null)
            {
                int at = text.Length;
                for (int p = 0; p < prefixes.Length; p++)
                {
                    if (next![p] < i)
                    {
                        int found = text.IndexOf(prefixes[p], i, StringComparison.Ordinal);
                        next[p] = found >= 0 ? found : text.Length;
                    }
                    at = Math.Min(at, next[p]);
                }
                if (at + 4 > text.Length) break;
                i = at;
            }
            int length = LongestAt(text, i);
            if (length == 0)
            {
                i++;
                continue;
            }
            int end = i + length;
            for (int j = i + 1; j < end && j + 4 <= text.Length; j++) end = Math.Max(end, j + LongestAt(text, j));
            sb ??= new System.Text.StringBuilder(text.Length);
            sb.Append(text, copied, i - copied).Append(Mask);
            i = copied = end;
        }
        if (sb == null) return text;
        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Up to this many distinct first four characters are searched for; more are checked at every place.</summary>
    private const int MaxSearched = 8;
    private string[]? _prefixes;

    private string[] Prefixes()
    {
        var prefixes = new List<string>();
        foreach (var list in _byPrefix.Values) prefixes.Add(list[0].Substring(0, 4));
        return prefixes.ToArray();
    }

    /// <summary>The length of the longest known secret that starts at <paramref name="i"/>, or 0.</summary>
    private int LongestAt(Text text, int i)
    {
        int pair = Pair(text, i);
        if ((_starts[pair >> 6] & (1UL << (pair & 63))) == 0 || !_byPrefix.TryGetValue(Prefix(text, i), out var list)) return 0;
        foreach (var s in list)
        {
#if NET8_0_OR_GREATER
            if (i + s.Length <= text.Length && text.Slice(i, s.Length).SequenceEqual(s)) return s.Length;
#else
            if (i + s.Length <= text.Length && string.CompareOrdinal(text, i, s, 0, s.Length) == 0) return s.Length;
#endif
        }
        return 0;
    }
}

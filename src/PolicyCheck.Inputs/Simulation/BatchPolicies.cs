using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>
/// The policies of batch lines, parsed once per text: a line whose policies another line already had (and the
/// grammar accepted) is read with each of them left as "0", and shares their models. Bounded by entries and bytes.
/// </summary>
internal static class BatchPolicies
{
    public static readonly string[] Keys = { "policies", "resourcePolicy", "boundaries", "scps", "rcps", "sessionPolicy" };

    /// <summary>Where a policy key's value sits in a line's UTF-8; <paramref name="Key"/> indexes <see cref="Keys"/>.</summary>
    public readonly record struct Member(int Key, int Start, int Length);

    /// <summary>
    /// Models of one line's policies, by key: one per document, or null where the value is not a document.
    /// <paramref name="Texts"/>: the policy values as written, in UTF-8, by key (null where the line has no such key);
    /// <paramref name="Chars"/>: their lengths in characters.
    /// </summary>
    public sealed record Entry(byte[]?[] Texts, int[] Chars, PolicyDocument[]?[] ByKey)
    {
        /// <summary>How many keys the line had.</summary>
        public int Present { get; } = Array.FindAll(Texts, t => t != null).Length;
    }

    /// <summary>Entries by a hash of their texts; a lookup compares the texts themselves.</summary>
    private static readonly Dictionary<int, Entry> Entries = new Dictionary<int, Entry>();
    private static long _knownBytes;
    private const int MaxEntries = 256;
    private const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>This thread's last entry found or kept: consecutive lines mostly share their policies.</summary>
    [ThreadStatic] private static Entry? _last;

    /// <summary>
    /// The entry for the policies of a line, when a line with the same policy texts was accepted before; null when
    /// there is none, or the line is unusual (<see cref="Skim"/>). <paramref name="members"/>: where they sit;
    /// <paramref name="rest"/>: where the other members' values sit, by <see cref="RestKeys"/> (-1: not a batch key).
    /// </summary>
    public static Entry? Known(ReadOnlySpan<byte> line, List<Member> members, List<Member> rest)
    {
        var last = _last;
        if (!Skim(line, members, rest, last, out bool allLast)) return null;
        if (allLast && last!.Present == members.Count) return last;
        var found = Find(line, members);
        if (found != null) _last = found;
        return found;
    }

    private static Entry? Find(ReadOnlySpan<byte> line, List<Member> members)
    {
        if (members.Count == 0) return null;
        int hash = Hash(line, members);
        Entry? entry;
        lock (Entries)
        {
            if (!Entries.TryGetValue(hash, out entry)) return null;
        }
        if (entry.Present != members.Count) return null;
        foreach (var m in members)
        {
            var text = entry.Texts[m.Key];
            if (text == null || !line.Slice(m.Start, m.Length).SequenceEqual(text)) return null;
        }
        return entry;
    }

    /// <summary>
    /// The line as text with each of the entry's documents left as "0", and the map that gives the spans of that
    /// text the offsets and columns of the whole line. False where the rest is not UTF-8 (the whole line is then read, and names the place).
    /// </summary>
    public static bool Compress(ReadOnlySpan<byte> line, List<Member> members, Entry entry, out string text, out LineMap map)
    {
        text = string.Empty;
        map = null!;
        var chars = Chars(line.Length);
        var gaps = new List<(int At, int Removed)>(members.Count);
        int from = 0, used = 0;
        foreach (var m in members)
        {
            if (entry.ByKey[m.Key] == null) continue;
            if (!Decode(line.Slice(from, m.Start - from), chars, ref used)) return false;
            chars[used++] = '0';
            gaps.Add((used, entry.Chars[m.Key] - 1));
            from = m.Start + m.Length;
        }
        if (!Decode(line.Slice(from), chars, ref used)) return false;
        text = new string(chars, 0, used);
        map = new LineMap(text, gaps);
        return true;
    }

    [ThreadStatic] private static char[]? _chars;

    /// <summary>This thread's characters for decoding a line of <paramref name="bytes"/> UTF-8 bytes (at most as many characters).</summary>
    public static char[] Chars(int bytes) => _chars is { } c && c.Length >= bytes ? c : _chars = new char[Math.Max(bytes, 4096)];

    private static bool Decode(ReadOnlySpan<byte> utf8, char[] into, ref int used)
    {
        if (System.Text.Unicode.Utf8.ToUtf16(utf8, into.AsSpan(used), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done) return false;
        used += written;
        return true;
    }

    /// <summary>Keeps the policies of a line the grammar accepted (its documents parsed from their own text).</summary>
    public static void Remember(string line, SourceObject obj)
    {
        var members = new List<Member>();
        var texts = new byte[]?[Keys.Length];
        var chars = new int[Keys.Length];
        var byKey = new PolicyDocument[]?[Keys.Length];
        long bytes = 0;
        for (int k = 0; k < Keys.Length; k++)
        {
            var p = obj.Get(Keys[k]);
            if (p == null) continue;
            string value = line.Substring(p.Value.Span.Start, p.Value.Span.Length);
            texts[k] = Encoding.UTF8.GetBytes(value);
            chars[k] = value.Length;
            members.Add(new Member(k, 0, texts[k]!.Length));
            bytes += texts[k]!.Length;
            if (p.Value is not SourceObject && p.Value is not SourceArray) continue;
            var docs = Parse(value, Keys[k] == "rcps" || Keys[k] == "resourcePolicy" ? DocumentKind.Resource : DocumentKind.Permission);
            if (docs == null) return;
            byKey[k] = docs;
        }
        if (members.Count == 0) return;
        int hash = Hash(texts);
        lock (Entries)
        {
            if (Entries.Count >= MaxEntries || _knownBytes + bytes > MaxBytes)
            {
                Entries.Clear();
                _knownBytes = 0;
            }
            Entries[hash] = _last = new Entry(texts, chars, byKey);
            _knownBytes += bytes;
        }
    }

    private static int Hash(ReadOnlySpan<byte> line, List<Member> members)
    {
        var hash = new HashCode();
        for (int k = 0; k < Keys.Length; k++)
        {
            foreach (var m in members)
            {
                if (m.Key != k) continue;
                hash.Add(k);
                hash.Add(Sample(line.Slice(m.Start, m.Length)));
            }
        }
        return hash.ToHashCode();
    }

    private static int Hash(byte[]?[] texts)
    {
        var hash = new HashCode();
        for (int k = 0; k < Keys.Length; k++)
        {
            if (texts[k] == null) continue;
            hash.Add(k);
            hash.Add(Sample(texts[k]));
        }
        return hash.ToHashCode();
    }

    /// <summary>A fast hash of the whole text, eight bytes a step (Find compares the text itself, so a collision only costs a parse).</summary>
    public static int Sample(ReadOnlySpan<byte> text)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(text);
        ulong h = (ulong)text.Length * 0x9E3779B97F4A7C15UL;
        foreach (ulong x in words) h = (System.Numerics.BitOperations.RotateLeft(h ^ x, 29) * 0xBF58476D1CE4E5B9UL);
        for (int i = words.Length * 8; i < text.Length; i++) h = (h ^ text[i]) * 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 32));
    }

    private static PolicyDocument[]? Parse(string text, DocumentKind kind)
    {
        var issues = new List<Problem>();
        var root = JsonParser.Parse(text, new LineMap(text), issues);
        foreach (var i in issues) if (i.Kind == ProblemKind.Syntax || i.Kind == ProblemKind.Encoding) return null;
        var nodes = root is SourceArray arr ? (IReadOnlyList<SourceNode>)arr.Items : root is SourceObject ? new[] { root } : null;
        if (nodes == null) return null;
        var docs = new PolicyDocument[nodes.Count];
        for (int i = 0; i < docs.Length; i++)
        {
            if (nodes[i] is not SourceObject) return null;
            docs[i] = PolicyReader.FromNode(string.Empty, nodes[i], null, kind, 0);
            if (!docs[i].HasStatement) return null;
        }
        return docs;
    }

    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"\\{}[]"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",}] \t"u8);

    /// <summary>
    /// The policy members of a one-line JSON object, found without building it. False when anything is unusual
    /// (escaped or repeated policy keys, a value it cannot delimit): the full parser then reads the line.
    /// A value that starts with <paramref name="last"/>'s text for its key is that value (an accepted value is an
    /// array, an object or null: no longer value starts with it; what follows is checked as for any value) and is
    /// not scanned; <paramref name="allLast"/>: every member was.
    /// </summary>
    private static bool Skim(ReadOnlySpan<byte> s, List<Member> members, List<Member> rest, Entry? last, out bool allLast)
    {
        members.Clear();
        rest.Clear();
        allLast = last != null;
        int i = Spaces(s, 0);
        if (i >= s.Length || s[i] != '{') return false;
        i = Spaces(s, i + 1);
        if (i < s.Length && s[i] == '}') return Spaces(s, i + 1) == s.Length;
        while (true)
        {
            if (i >= s.Length || s[i] != '"') return false;
            int rel = s.Slice(i + 1).IndexOfAny(StringEnd);
            if (rel < 0 || s[i + 1 + rel] != '"') return false;
            var name = s.Slice(i + 1, rel);
            int key = KeyAt(name, KeyBytes);
            i = Spaces(s, i + 2 + rel);
            if (i >= s.Length || s[i] != ':') return false;
            i = Spaces(s, i + 1);
            int start = i;
            byte[]? same = key >= 0 ? last?.Texts[key] : null;
            if (same != null && s.Slice(start).StartsWith(same))
            {
                i = start + same.Length;
            }
            else
            {
                if (key >= 0) allLast = false;
                i = SkipValue(s, i);
                if (i < 0) return false;
            }
            if (key >= 0)
            {
                foreach (var m in members) if (m.Key == key) return false;
                members.Add(new Member(key, start, i - start));
            }
            else
            {
                rest.Add(new Member(KeyAt(name, RestKeyBytes), start, i - start));
            }
            i = Spaces(s, i);
            if (i < s.Length && s[i] == ',')
            {
                i = Spaces(s, i + 1);
                continue;
            }
            return i < s.Length && s[i] == '}' && Spaces(s, i + 1) == s.Length;
        }
    }

    /// <summary>The batch keys that are not policies.</summary>
    public static readonly string[] RestKeys = { "action", "resource", "principal", "context", "id", "expect" };
    private static readonly byte[][] KeyBytes = Array.ConvertAll(Keys, k => Encoding.UTF8.GetBytes(k));
    private static readonly byte[][] RestKeyBytes = Array.ConvertAll(RestKeys, k => Encoding.UTF8.GetBytes(k));

    private static int KeyAt(ReadOnlySpan<byte> name, byte[][] keys)
    {
        for (int k = 0; k < keys.Length; k++)
        {
            if (name.SequenceEqual(keys[k])) return k;
        }
        return -1;
    }

    private static int Spaces(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        return i;
    }

    private static int SkipString(ReadOnlySpan<byte> s, int i)
    {
        i++;
        while (true)
        {
            if (i > s.Length) return -1;
            int rel = s.Slice(i).IndexOfAny(StringEnd);
            if (rel < 0) return -1;
            i += rel;
            if (s[i] == '"') return i + 1;
            i += 2;
        }
    }

    private static int SkipValue(ReadOnlySpan<byte> s, int i)
    {
        if (i >= s.Length) return -1;
        byte c = s[i];
        if (c == '"') return SkipString(s, i);
        if (c != '{' && c != '[')
        {
            int rel = s.Slice(i).IndexOfAny(ScalarEnd);
            int end = rel < 0 ? s.Length : i + rel;
            return end > i ? end : -1;
        }
        int depth = 0;
        while (i < s.Length)
        {
            int rel = s.Slice(i).IndexOfAny(Structure);
            if (rel < 0) return -1;
            i += rel;
            c = s[i];
            if (c == '"')
            {
                i = SkipString(s, i);
                if (i < 0) return -1;
                continue;
            }
            if (c == '\\') return -1;
            depth += c == '{' || c == '[' ? 1 : -1;
            i++;
            if (depth == 0) return i;
        }
        return -1;
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PolicyCheck.Evaluation;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.Simulation;

public static partial class Simulator
{
    private const int RestAction = 0, RestResource = 1, RestPrincipal = 2, RestContext = 3, RestId = 4, RestExpect = 5;

    /// <summary>
    /// A line whose policies are known, read straight from its UTF-8 where the rest is plain: each batch key once,
    /// strings without escapes, a context of strings, numbers, booleans and arrays of them. False for anything else,
    /// and the full reader then reads the line and names what is wrong; where both read a line, they agree
    /// (BatchSimulationTests hold them to the same answers).
    /// </summary>
    private static bool TryKnownLine(ReadOnlySpan<byte> line, string where, BatchPolicies.Entry known, List<BatchPolicies.Member> members,
        List<BatchPolicies.Member> rest, out PolicySet? set, out EvalRequest? request, out BatchLineMeta meta)
    {
        set = null;
        request = null;
        meta = default;
        Span<int> at = stackalloc int[BatchPolicies.RestKeys.Length];
        at.Fill(-1);
        for (int i = 0; i < rest.Count; i++)
        {
            int k = rest[i].Key;
            if (k < 0 || at[k] >= 0) return false;
            at[k] = i;
        }
        set = new PolicySet { Identity = null };
        // The policies are as a known line had them (valid UTF-8); the text between them must be too. Offsets are in characters.
        int from = 0, chars = 0;
        foreach (var m in members)
        {
            var before = line.Slice(from, m.Start - from);
            if (!CharCount(before, out int n)) return false;
            int start = chars + n, length = known.Chars[m.Key];
            chars = start + length;
            from = m.Start + m.Length;
            string key = BatchPolicies.Keys[m.Key];
            var docs = known.ByKey[m.Key];
            var origin = new SourceSpan(start, length, 1, start + 1, 1, start + length + 1);
            switch (key)
            {
                case "resourcePolicy":
                case "sessionPolicy":
                    PolicyDocument? doc = null;
                    if (docs == null)
                    {
                        if (!line.Slice(m.Start, m.Length).SequenceEqual("null"u8)) return false;
                    }
                    else
                    {
                        if (docs.Length != 1) return false;
                        doc = docs[0].At(where, key, -1, origin);
                    }
                    if (key == "resourcePolicy") set.ResourcePolicy = doc;
                    else set.SessionPolicy = doc;
                    break;
                default:
                    if (docs == null) return false;
                    var placed = new PolicyDocument[docs.Length];
                    for (int i = 0; i < docs.Length; i++) placed[i] = docs[i].At(where, key, i, origin);
                    if (key == "policies") set.Identity = placed;
                    else if (key == "boundaries") set.Boundaries = placed;
                    else if (key == "scps") set.Scps = placed;
                    else set.Rcps = placed;
                    break;
            }
        }
        if (!CharCount(line.Slice(from), out _)) return false;
        if (set.Identity == null && set.ResourcePolicy == null) return false;

        if (!Plain(line, rest, at[RestAction], out string? action) || action == null) return false;
        if (!Plain(line, rest, at[RestResource], out string? resource)) return false;
        if (!Plain(line, rest, at[RestPrincipal], out string? principal)) return false;
        if (!Plain(line, rest, at[RestId], out string? id)) return false;
        if (!Plain(line, rest, at[RestExpect], out string? expect)) return false;
        if (expect != null && IndexOf(ExpectValues, expect) < 0) return false;

        var caller = principal != null ? Caller(principal) : null;
        var callerKeys = CallerKeys(caller);
        RequestContext context;
        if (at[RestContext] >= 0)
        {
            var m = rest[at[RestContext]];
            var value = line.Slice(m.Start, m.Length);
            // Sized for its keys (about one a quoted pair of names and values) and the caller's: the dictionary is made once.
            context = new RequestContext(value.Count((byte)'"') / 4 + callerKeys.Length);
            if (!PlainContext(value, context)) return false;
        }
        else
        {
            context = new RequestContext(callerKeys.Length);
        }
        meta = new BatchLineMeta(id, expect);
        ContextArgs.AddPrincipalKeys(context, callerKeys);
        request = new EvalRequest(action, resource ?? "*", caller, context);
        return true;
    }

    /// <summary>How many characters UTF-8 bytes are; false where they are not UTF-8.</summary>
    private static bool CharCount(ReadOnlySpan<byte> utf8, out int chars)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            chars = utf8.Length;
            return true;
        }
        chars = 0;
        if (!Utf8.IsValid(utf8)) return false;
        chars = Encoding.UTF8.GetCharCount(utf8);
        return true;
    }

    /// <summary>A string member's text (null when the line has no such member); false unless it is a non-empty string without escapes or control characters.</summary>
    private static bool Plain(ReadOnlySpan<byte> line, List<BatchPolicies.Member> rest, int index, out string? text)
    {
        text = null;
        if (index < 0) return true;
        var m = rest[index];
        var value = line.Slice(m.Start, m.Length);
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"') return false;
        var inner = value.Slice(1, value.Length - 2);
        if (inner.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || inner.IndexOfAny((byte)'"', (byte)'\\') >= 0) return false;
        text = TextOf(inner);
        return true;
    }

    /// <summary>This thread's recent texts of short values, by a hash of their UTF-8: consecutive lines mostly repeat their keys and values.</summary>
    [ThreadStatic] private static (byte[]? Bytes, string Text)[]? _texts;

    /// <summary>The text of UTF-8 (valid): one this thread made for the same bytes, where it is still kept, or a new one.</summary>
    private static string TextOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256) return Encoding.UTF8.GetString(utf8);
        var texts = _texts ??= new (byte[]?, string)[512];
        ref var kept = ref texts[(int)((uint)BatchPolicies.Sample(utf8) % (uint)texts.Length)];
        if (kept.Bytes != null && utf8.SequenceEqual(kept.Bytes)) return kept.Text;
        string text = Encoding.UTF8.GetString(utf8);
        kept = (utf8.ToArray(), text);
        return text;
    }

    private static readonly JsonReaderOptions Strict = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>A context object of keys to strings, numbers, booleans or arrays of them, none escaped, into <paramref name="context"/>; false for anything else.</summary>
    private static bool PlainContext(ReadOnlySpan<byte> value, RequestContext context)
    {
        var reader = new Utf8JsonReader(value, Strict);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            List<string>? many = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return !reader.Read();
                if (reader.ValueIsEscaped) return false;
                string name = TextOf(reader.ValueSpan);
                if (!reader.Read()) return false;
                string[] values;
                bool multi = false;
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    multi = true;
                    (many ??= new List<string>()).Clear();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (!Scalar(ref reader, out string? item)) return false;
                        many.Add(item!);
                    }
                    values = many.ToArray();
                }
                else
                {
                    if (!Scalar(ref reader, out string? one)) return false;
                    values = new[] { one! };
                }
                context.Set(name, new ContextValue(values, ContextType.String, multi));
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A context value's text as the full reader gives it: a string's, a number's literal, "true" or "false".</summary>
    private static bool Scalar(ref Utf8JsonReader reader, out string? text)
    {
        text = reader.TokenType switch
        {
            JsonTokenType.String when !reader.ValueIsEscaped => TextOf(reader.ValueSpan),
            JsonTokenType.Number => TextOf(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        return text != null;
    }
}

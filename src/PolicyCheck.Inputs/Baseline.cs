using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs;

/// <summary>
/// lint --write-baseline / --baseline: today's findings recorded so a gate can be adopted on a repository that has
/// some, and only new ones fail. A finding's fingerprint survives line moves: rule, path (relative to the baseline's
/// folder), the resource label and a hash of the text it points at (never the text: it may be an external ID).
/// </summary>
public static class Baseline
{
    public const int Version = 1;
    public const string Justification = "in the baseline";

    public sealed class Entry
    {
        public Entry(string rule, string path, string fingerprint, SourceSpan span)
        {
            Rule = rule;
            Path = path;
            Fingerprint = fingerprint;
            Span = span;
        }

        public string Rule { get; }
        public string Path { get; }
        public string Fingerprint { get; }
        /// <summary>Where the entry is in the baseline file.</summary>
        public SourceSpan Span { get; }
    }

    /// <summary>Each finding's fingerprint, in the findings' order (a repeat of the same rule on the same text is numbered).</summary>
    public static List<(Diagnostic Finding, string Path, string Fingerprint)> Fingerprints(IEnumerable<Diagnostic> found, string baselinePath)
    {
        string root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(baselinePath)) ?? ".";
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<(Diagnostic, string, string)>();
        foreach (var d in found)
        {
            if (!texts.TryGetValue(d.Path, out var text))
            {
                try { text = File.Exists(d.Path) ? File.ReadAllText(d.Path) : null; }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { text = null; }
                texts[d.Path] = text;
            }
            string at = text != null && d.Span.Start >= 0 && d.Span.Start + d.Span.Length <= text.Length ? text.Substring(d.Span.Start, d.Span.Length) : d.Message;
            string path = System.IO.Path.GetRelativePath(root, System.IO.Path.GetFullPath(d.Path)).Replace('\\', '/');
            string key = d.RuleId + "\n" + path + "\n" + (d.Label ?? string.Empty) + "\n" + at;
            seen.TryGetValue(key, out int n);
            seen[key] = n + 1;
            result.Add((d, path, Hash(key + "\n" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        return result;
    }

    private static string Hash(string s)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(s));
        var sb = new StringBuilder(32);
        for (int i = 0; i < 16; i++) sb.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Writes the baseline of the findings (suppressed ones left out), atomically.</summary>
    public static int Write(string baselinePath, IEnumerable<Diagnostic> found)
    {
        var list = Fingerprints(found, baselinePath).FindAll(x => !x.Finding.IsSuppressed);
        list.Sort((a, b) => string.CompareOrdinal(a.Path + "\n" + a.Finding.RuleId + "\n" + a.Fingerprint, b.Path + "\n" + b.Finding.RuleId + "\n" + b.Fingerprint));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteString("tool", "policycheck");
            w.WriteStartArray("findings");
            foreach (var (d, path, fingerprint) in list)
            {
                w.WriteStartObject();
                w.WriteString("rule", d.RuleId);
                w.WriteString("path", path);
                w.WriteString("fingerprint", fingerprint);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        var bytes = buffer.ToArray();
        AtomicFile.Write(baselinePath, s => s.Write(bytes, 0, bytes.Length));
        return list.Count;
    }

    /// <summary>Reads a baseline; null with problems (file, line, reason) when it cannot be used.</summary>
    public static List<Entry>? Read(string baselinePath, List<Problem> problems)
    {
        var bytes = PolicyFiles.ReadBytes(baselinePath, problems);
        if (bytes == null) return null;
        var issues = new List<Problem>();
        string? text = SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            problems.Add(Problem.Input(baselinePath, "the baseline is not UTF-8 text"));
            return null;
        }
        var root = JsonParser.Parse(text, new LineMap(text), issues) as SourceObject;
        var syntax = issues.Find(i => i.Kind != ProblemKind.EncodingNote);
        if (root == null || syntax != null)
        {
            problems.Add(Problem.Input(baselinePath, "the baseline is not valid JSON: " + (syntax?.Message ?? "expected an object"), syntax?.Span));
            return null;
        }
        var version = root.Get("version")?.Value as SourceScalar;
        if (version == null || version.Text != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            problems.Add(Problem.Input(baselinePath, $"baseline version {(version?.Text ?? "(none)")} is not one this PolicyCheck reads ({Version}); write it again with --write-baseline", version?.Span ?? root.Span));
            return null;
        }
        if (root.Get("findings")?.Value is not SourceArray items)
        {
            problems.Add(Problem.Input(baselinePath, "the baseline needs \"findings\": a list", root.Span));
            return null;
        }
        var entries = new List<Entry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Items)
        {
            var o = item as SourceObject;
            string? rule = (o?.Get("rule")?.Value as SourceScalar)?.Text, path = (o?.Get("path")?.Value as SourceScalar)?.Text, fp = (o?.Get("fingerprint")?.Value as SourceScalar)?.Text;
            if (rule == null || path == null || fp == null)
            {
                problems.Add(Problem.Input(baselinePath, "a baseline entry needs rule, path and fingerprint", item.Span));
                return null;
            }
            if (!keys.Add(rule + "\n" + path + "\n" + fp))
            {
                problems.Add(Problem.Input(baselinePath, $"the fingerprint {fp} of {rule} in {path} is in the baseline twice", item.Span));
                return null;
            }
            entries.Add(new Entry(rule, path, fp, item.Span));
        }
        return entries;
    }

    /// <summary>Marks the findings the baseline holds as suppressed; returns its entries no finding matches (fixed since).</summary>
    public static List<Entry> Apply(List<Diagnostic> found, string baselinePath, List<Entry> entries)
    {
        var open = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var e in entries) open[e.Rule + "\n" + e.Path + "\n" + e.Fingerprint] = e;
        foreach (var (d, path, fingerprint) in Fingerprints(found, baselinePath))
        {
            string key = d.RuleId + "\n" + path + "\n" + fingerprint;
            if (!open.Remove(key)) continue;
            d.Baselined = true;
            if (!d.IsSuppressed) d.Suppress(Justification);
        }
        return new List<Entry>(open.Values);
    }
}

using PolicyCheck.Aws.Verify;
using System.Text.Encodings.Web;
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Json;

namespace PolicyCheck.Cli.Output;

/// <summary>SARIF 2.1.0 with rule metadata and help links (validated against the OASIS schema in the tests).</summary>
public sealed class SarifFormatter : IFormatter
{
    public bool Verbose { get; init; }

    /// <summary>The opening every PolicyCheck SARIF log shares, up to the open tool.driver object (lint and verify).</summary>
    public static void BeginRun(Utf8JsonWriter w, string toolName)
    {
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", toolName);
        w.WriteString("semanticVersion", Program.Version);
    }

    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Formatters.DocumentBytes(report));
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            BeginRun(w, "PolicyCheck");
            w.WriteString("informationUri", catalog.HelpUriBase.Replace("docs/rules/", string.Empty));
            w.WriteStartArray("rules");
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < catalog.Rules.Count; i++)
            {
                var r = catalog.Rules[i];
                index[r.Id] = i;
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("name", Pascal(r.Name));
                w.WriteStartObject("shortDescription");
                w.WriteString("text", r.Title);
                w.WriteEndObject();
                w.WriteStartObject("fullDescription");
                w.WriteString("text", r.Help);
                w.WriteEndObject();
                w.WriteStartObject("help");
                w.WriteString("text", r.Help + " Fix: " + r.Fix);
                w.WriteString("markdown", $"{r.Help}\n\n**Fix:** {r.Fix}\n\n[{r.Id} documentation]({catalog.HelpUri(r.Id)})");
                w.WriteEndObject();
                w.WriteString("helpUri", catalog.HelpUri(r.Id));
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(r.DefaultSeverity));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", r.Category);
                w.WriteStartArray("tags");
                w.WriteStringValue("iam");
                w.WriteStringValue(r.Category.ToLowerInvariant());
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("results");
            var uris = new Dictionary<string, string>(StringComparer.Ordinal); // a file's findings share its URI
            foreach (var d in report.Diagnostics)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", d.RuleId);
                if (index.TryGetValue(d.RuleId, out int ri)) w.WriteNumber("ruleIndex", ri);
                w.WriteString("level", Level(d.Severity));
                w.WriteStartObject("message");
                w.WriteString("text", d.Fix != null ? d.Message + ". Fix: " + d.Fix : d.Message);
                w.WriteEndObject();
                w.WriteStartArray("locations");
                if (!uris.TryGetValue(d.Path, out string? uri)) uris[d.Path] = uri = ToUri(d.Path);
                WriteLocation(w, uri, d.Span, d.Label);
                w.WriteEndArray();
                if (report.BaselineUsed) w.WriteString("baselineState", d.Baselined ? "unchanged" : "new");
                if (d.IsSuppressed)
                {
                    w.WriteStartArray("suppressions");
                    w.WriteStartObject();
                    w.WriteString("kind", "external");
                    w.WriteString("justification", d.SuppressedBecause);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                bool trace = Verbose && d.Trace != null;
                if (d.Fix != null || trace)
                {
                    w.WriteStartObject("properties");
                    if (d.Fix != null) w.WriteString("fix", d.Fix);
                    if (trace)
                    {
                        w.WriteStartArray("trace");
                        foreach (var line in d.Trace!) w.WriteStringValue(line);
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", report.Problems.Count == 0);
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var e in report.Problems)
            {
                w.WriteStartObject();
                w.WriteString("level", "error");
                w.WriteStartObject("message");
                w.WriteString("text", e.RuleId != null ? $"{e.RuleId}: {e.Message}" : $"{e.Path}: {e.Message}");
                w.WriteEndObject();
                if (e.HasPosition)
                {
                    w.WriteStartArray("locations");
                    WriteLocation(w, ToUri(e.Path), e.Span, null);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        Formatters.WriteDocument(buffer.WrittenSpan, output);
        output.WriteLine();
    }

    private static void WriteLocation(Utf8JsonWriter w, string uri, SourceSpan span, string? label)
    {
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", uri);
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", Math.Max(1, span.Line));
        w.WriteNumber("startColumn", Math.Max(1, span.Column));
        w.WriteNumber("endLine", Math.Max(span.Line, span.EndLine));
        w.WriteNumber("endColumn", Math.Max(1, span.EndLine > span.Line ? span.EndColumn : Math.Max(span.Column, span.EndColumn)));
        w.WriteEndObject();
        w.WriteEndObject();
        if (label != null)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("fullyQualifiedName", label);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>A relative URI reference with '/' separators and escaped segments.</summary>
    public static string ToUri(string path)
    {
        string p = path.Replace('\\', '/');
        if (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
        bool absolute = p.StartsWith("/", StringComparison.Ordinal);
        var parts = p.Split('/');
        for (int i = 0; i < parts.Length; i++) parts[i] = Uri.EscapeDataString(parts[i]);
        string joined = string.Join("/", parts);
        return absolute ? "file://" + joined : joined;
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string Pascal(string kebab)
    {
        var sb = new StringBuilder();
        foreach (var part in kebab.Split('-'))
        {
            if (part.Length == 0) continue;
            sb.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }
        return sb.ToString();
    }

    /// <summary>verify --format sarif: one rule per stage, one result per failed stage.</summary>
    public static string Verify(IReadOnlyList<StageResult> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            BeginRun(w, "policycheck-verify");
            w.WriteStartArray("rules");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("id", "verify/" + r.Name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", "verify stage: " + r.Name);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            for (int i = 0; i < results.Count; i++)
            {
                var r = results[i];
                if (r.Status is not (StageStatus.Fail or StageStatus.Warn)) continue;
                w.WriteStartObject();
                w.WriteString("ruleId", "verify/" + r.Name);
                w.WriteNumber("ruleIndex", i);
                w.WriteString("level", r.Status == StageStatus.Fail ? "error" : "warning");
                w.WriteStartObject("message");
                w.WriteString("text", r.Cause + (r.Fix != null ? " Fix: " + r.Fix : string.Empty));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                if (r.RequestId != null) w.WriteString("requestId", r.RequestId);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

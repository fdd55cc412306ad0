using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>A stable JSON report: summary, then one object per finding.</summary>
public sealed class JsonFormatter : IFormatter
{
    public const int SchemaVersion = 1;

    public bool Verbose { get; init; }

    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Formatters.DocumentBytes(report));
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", SchemaVersion);
            w.WriteString("tool", "policycheck");
            w.WriteString("toolVersion", Program.Version);
            if (report.ConfigPath != null) w.WriteString("config", report.ConfigPath);
            w.WriteStartObject("summary");
            w.WriteNumber("filesRead", report.FilesRead);
            w.WriteNumber("policiesChecked", report.PoliciesChecked);
            w.WriteNumber("filesSkipped", report.FilesSkipped);
            int errors = 0, warnings = 0, notes = 0, suppressed = 0;
            foreach (var d in report.Diagnostics)
            {
                if (d.IsSuppressed) suppressed++;
                else if (d.Severity == Severity.Error) errors++;
                else if (d.Severity == Severity.Warning) warnings++;
                else notes++;
            }
            w.WriteNumber("errors", errors);
            w.WriteNumber("warnings", warnings);
            w.WriteNumber("notes", notes);
            w.WriteNumber("suppressed", suppressed);
            w.WriteEndObject();
            w.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", d.RuleId);
                w.WriteString("name", catalog.Find(d.RuleId)?.Name);
                w.WriteString("severity", Formatters.Severity(d.Severity));
                w.WriteString("message", d.Message);
                if (d.Fix != null) w.WriteString("fix", d.Fix);
                w.WriteString("path", d.Path);
                if (d.Label != null) w.WriteString("location", d.Label);
                w.WriteNumber("line", d.Span.Line);
                w.WriteNumber("column", d.Span.Column);
                w.WriteNumber("endLine", d.Span.EndLine);
                w.WriteNumber("endColumn", d.Span.EndColumn);
                w.WriteString("helpUri", catalog.HelpUri(d.RuleId));
                if (Verbose && d.Trace != null)
                {
                    w.WriteStartArray("trace");
                    foreach (var line in d.Trace) w.WriteStringValue(line);
                    w.WriteEndArray();
                }
                if (d.IsSuppressed)
                {
                    w.WriteBoolean("suppressed", true);
                    w.WriteString("justification", d.SuppressedBecause);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var e in report.Problems)
            {
                w.WriteStartObject();
                if (e.RuleId != null) w.WriteString("ruleId", e.RuleId);
                w.WriteString("path", e.Path);
                if (e.HasPosition)
                {
                    w.WriteNumber("line", e.Span.Line);
                    w.WriteNumber("column", e.Span.Column);
                }
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        Formatters.WriteDocument(buffer.WrittenSpan, output);
        output.WriteLine();
    }
}

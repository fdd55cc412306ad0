using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Aws.Verify;

namespace PolicyCheck.Cli.Output;

/// <summary>verify's stages as text or JSON (its SARIF is <see cref="SarifFormatter.Verify"/>).</summary>
public static class VerifyOutput
{
    public static string Text(IReadOnlyList<StageResult> results)
    {
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            sb.Append(r.StatusName.ToUpperInvariant().PadRight(8)).Append(r.Name.PadRight(12)).Append(r.Cause);
            if (r.RequestId != null) sb.Append(" (request ").Append(r.RequestId).Append(')');
            sb.Append('\n');
            if (r.Fix != null && r.Status is StageStatus.Fail or StageStatus.Warn) sb.Append("        fix: ").Append(r.Fix).Append('\n');
            foreach (var d in r.Details) sb.Append("        ").Append(d).Append('\n');
        }
        int pass = 0, fail = 0, skipped = 0, warned = 0;
        foreach (var r in results)
        {
            if (r.Status == StageStatus.Pass) pass++;
            else if (r.Status == StageStatus.Fail) fail++;
            else if (r.Status == StageStatus.Warn) warned++;
            else skipped++;
        }
        sb.Append($"policycheck verify: {pass} passed, {fail} failed, {skipped} skipped{(warned > 0 ? $", {warned} warning(s)" : string.Empty)}\n");
        return sb.ToString();
    }

    public static string Json(IReadOnlyList<StageResult> results)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("stages");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("status", r.StatusName);
                w.WriteString("cause", r.Cause);
                if (r.Fix != null) w.WriteString("fix", r.Fix);
                else w.WriteNull("fix");
                if (r.RequestId != null) w.WriteString("requestId", r.RequestId);
                else w.WriteNull("requestId");
                w.WriteStartArray("details");
                foreach (var d in r.Details) w.WriteStringValue(d);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

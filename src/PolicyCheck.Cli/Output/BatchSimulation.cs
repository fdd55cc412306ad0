using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Evaluation;
using PolicyCheck.Inputs.Simulation;

namespace PolicyCheck.Cli.Output;

/// <summary>simulate --batch: the requests of a JSON-lines input, evaluated and written back as JSON lines.</summary>
public static class BatchSimulation
{
    /// <summary>
    /// --batch: JSON lines in, one request each; JSON lines out in the same order. A line it cannot take gets
    /// {"error": "..."} and the others go on. A line may carry "expect" (and "id"): its output says whether the
    /// decision met it.
    /// </summary>
    public static BatchSummary Run(TextReader input, TextWriter output)
    {
        var summary = new BatchSummary();
        int lineNo = 0;
        string? line;
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var buffer = new MemoryStream();
        while ((line = ReadLine(input, lineNo + 1)) != null)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer, options))
            {
                if (Simulator.TryParseBatchLine(line, lineNo, out var set, out var request, out string? error, out var meta))
                {
                    var result = new SimulationResult(request!, Evaluator.Evaluate(set!, request!));
                    bool? met = meta.Expect != null ? Simulator.ExpectMet(meta.Expect, result.Result.Decision) : null;
                    if (met == false) summary.Mismatches.Add(meta.Id ?? $"line {lineNo}");
                    SimulationOutput.WriteJson(w, result, includeRequest: true, Simulator.Secrets(request!.Context, set!), meta.Id, meta.Expect, met);
                }
                else
                {
                    summary.Errors++;
                    w.WriteStartObject();
                    w.WriteString("error", error);
                    w.WriteEndObject();
                }
            }
            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        return summary;
    }

    /// <summary>At most this many characters in one batch line (a request with its policies).</summary>
    public const int MaxLineChars = 4 * 1024 * 1024;

    /// <summary>A line of at most <see cref="MaxLineChars"/>: /dev/zero or a file without line breaks must not fill memory.</summary>
    private static string? ReadLine(TextReader input, int lineNo)
    {
        var sb = new StringBuilder();
        while (true)
        {
            int c = input.Read();
            if (c < 0) return sb.Length > 0 ? sb.ToString() : null;
            if (c == '\n') return sb.ToString();
            if (c == '\r')
            {
                if (input.Peek() == '\n') input.Read();
                return sb.ToString();
            }
            if (sb.Length >= MaxLineChars) throw new InvalidDataException($"line {lineNo} is longer than {MaxLineChars / (1024 * 1024)} MiB; a batch line is one request");
            sb.Append((char)c);
        }
    }
}

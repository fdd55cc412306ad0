using System;
using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>Writes a lint report in one output format.</summary>
public interface IFormatter
{
    void Write(LintReport report, RuleIndex catalog, TextWriter output);
}

public static class Formatters
{
    /// <param name="verbose">Include each proof finding's evaluation trace.</param>
    /// <param name="color">Colour the severities of the text format (see <see cref="UseColor"/>).</param>
    /// <param name="failOn">The lowest severity that fails (the JUnit report's failures match the exit code).</param>
    public static IFormatter For(string format, bool verbose = false, bool color = false, PolicyCheck.Facts.Severity failOn = PolicyCheck.Facts.Severity.Error) => format switch
    {
        "junit" => new JunitFormatter { FailOn = failOn },
        "json" => new JsonFormatter { Verbose = verbose },
        "sarif" => new SarifFormatter { Verbose = verbose },
        "github" => new GithubFormatter(),
        _ => new TextFormatter { Verbose = verbose, Color = color },
    };

    /// <summary>
    /// Colour only on a terminal, never into --output; NO_COLOR (any value), --no-color and TERM=dumb turn it off,
    /// FORCE_COLOR (not 0) turns it on where the terminal cannot be seen (a CI log that renders ANSI).
    /// </summary>
    public static bool UseColor(bool noColor, string? outputPath, bool terminal, System.Func<string, string?> environment)
    {
        if (noColor || outputPath != null) return false;
        if (!string.IsNullOrEmpty(environment("NO_COLOR"))) return false;
        if (environment("TERM") == "dumb") return false;
        string? force = environment("FORCE_COLOR");
        if (!string.IsNullOrEmpty(force) && force != "0") return true;
        return terminal;
    }

    /// <summary>Writes the report to standard output, or atomically to the --output file; false (after saying why) when it cannot.</summary>
    public static bool WriteReport(IFormatter formatter, LintReport report, RuleIndex catalog, string? outputPath, TextWriter stdout, TextWriter stderr, PolicyCheck.Secrets.SecretMask mask)
    {
        if (outputPath == null)
        {
            formatter.Write(report, catalog, stdout);
            return true;
        }
        // The report as UTF-8; the whole of it masked as text only when the mask would change it.
        var bytes = new MemoryStream();
        var utf8 = new Utf8Output(bytes);
        formatter.Write(report, catalog, utf8);
        utf8.Flush();
        var content = new System.ReadOnlyMemory<byte>(bytes.GetBuffer(), 0, (int)bytes.Length);
        try
        {
            if (mask.Changes(content.Span)) AtomicFile.WriteAllText(outputPath, mask.Apply(System.Text.Encoding.UTF8.GetString(content.Span)));
            else AtomicFile.Write(outputPath, stream => stream.Write(content.Span));
            return true;
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
        {
            stderr.WriteLine($"policycheck: error: cannot write the report to {outputPath}: {ex.Message}");
            return false;
        }
    }

    /// <summary>A first guess at a JSON report's size: about a kilobyte a finding.</summary>
    public static int DocumentBytes(LintReport report) => (int)System.Math.Min(1 << 30, 65536 + 1024L * report.Diagnostics.Count);

    /// <summary>Where the masking writer takes a UTF-8 document in blocks: each ends at a line end.</summary>
    private const int Block = 1 << 16;

    /// <summary>
    /// A UTF-8 document (SARIF, JSON) onto the output. Through the masking writer, a block of whole lines the mask would
    /// not change goes on as its bytes, and one it would goes through the writer as text (masked line by line, as any text).
    /// </summary>
    public static void WriteDocument(System.ReadOnlySpan<byte> document, TextWriter output)
    {
        if (output is PolicyCheck.Secrets.MaskingWriter masking)
        {
            var mask = masking.Mask;
            while (!document.IsEmpty)
            {
                int end = document.Length <= Block ? document.Length : document.Slice(0, Block).LastIndexOf((byte)'\n') + 1;
                if (end == 0) end = document.IndexOf((byte)'\n') is int nl and >= 0 ? nl + 1 : document.Length;
                var block = document.Slice(0, end);
                document = document.Slice(end);
                if (mask.Changes(block))
                {
                    masking.Write(System.Text.Encoding.UTF8.GetString(block));
                    continue;
                }
                var inner = masking.ForMaskedOutput();
                if (inner is Utf8Output bytes) bytes.WriteUtf8(block);
                else inner.Write(System.Text.Encoding.UTF8.GetString(block));
            }
            return;
        }
        if (output is Utf8Output utf8) utf8.WriteUtf8(document);
        else output.Write(System.Text.Encoding.UTF8.GetString(document));
    }

    public static string Severity(Severity s) => RuleIndex.SeverityName(s);

    /// <summary>An input or config problem as one MSBuild-style line, with the position and rule when it has them.</summary>
    public static string Problem(PolicyCheck.Json.Problem e)
    {
        string where = e.HasPosition ? $"{e.Path}({e.Span.Line},{e.Span.Column})" : e.Path;
        string rule = e.RuleId != null ? " " + e.RuleId : string.Empty;
        return $"{where}: error{rule}: {e.Message}";
    }
}

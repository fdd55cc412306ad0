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
        var text = new StringWriter();
        formatter.Write(report, catalog, text);
        try
        {
            AtomicFile.WriteAllText(outputPath, mask.Apply(text.ToString()));
            return true;
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
        {
            stderr.WriteLine($"policycheck: error: cannot write the report to {outputPath}: {ex.Message}");
            return false;
        }
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

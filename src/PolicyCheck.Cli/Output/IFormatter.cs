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
    public static IFormatter For(string format, bool verbose = false) => format switch
    {
        "json" => new JsonFormatter { Verbose = verbose },
        "sarif" => new SarifFormatter { Verbose = verbose },
        "github" => new GithubFormatter(),
        _ => new TextFormatter { Verbose = verbose },
    };

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

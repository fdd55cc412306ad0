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

    public static string Severity(Severity s) => RuleIndex.SeverityName(s);

    /// <summary>An input or config problem as one MSBuild-style line, with the position and rule when it has them.</summary>
    public static string Problem(PolicyCheck.Json.Problem e)
    {
        string where = e.HasPosition ? $"{e.Path}({e.Span.Line},{e.Span.Column})" : e.Path;
        string rule = e.RuleId != null ? " " + e.RuleId : string.Empty;
        return $"{where}: error{rule}: {e.Message}";
    }
}

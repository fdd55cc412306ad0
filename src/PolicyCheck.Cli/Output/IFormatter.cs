using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>Writes a lint report in one output format.</summary>
public interface IFormatter
{
    void Write(LintReport report, RuleCatalog catalog, TextWriter output);
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

    public static string Severity(Severity s) => RuleCatalog.SeverityName(s);

    /// <summary>An input error as one MSBuild-style line, with the position when it has one.</summary>
    public static string InputError(PolicyCheck.Inputs.InputError e)
        => e.Span is { } at ? $"{e.Path}({at.Line},{at.Column}): error: {e.Message}" : $"{e.Path}: error: {e.Message}";
}

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
    public static IFormatter For(string format) => format switch
    {
        "json" => new JsonFormatter(),
        "sarif" => new SarifFormatter(),
        "github" => new GithubFormatter(),
        _ => new TextFormatter(),
    };

    public static string Severity(Severity s) => RuleCatalog.SeverityName(s);
}

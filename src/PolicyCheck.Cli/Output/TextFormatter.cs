using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>MSBuild canonical form: path(line,col): error PC1234: message, then an indented fix line.</summary>
public sealed class TextFormatter : IFormatter
{
    public bool Verbose { get; init; }

    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        foreach (var e in report.Problems) output.WriteLine(Formatters.Problem(e));
        foreach (var d in report.Diagnostics)
        {
            if (d.IsSuppressed) continue;
            string where = d.Label != null ? $" [{d.Label}]" : string.Empty;
            output.WriteLine($"{d.Path}({d.Span.Line},{d.Span.Column}): {Formatters.Severity(d.Severity)} {d.RuleId}: {d.Message}{where}");
            if (!string.IsNullOrEmpty(d.Fix)) output.WriteLine($"    fix: {d.Fix}");
            if (Verbose && d.Trace != null) foreach (var line in d.Trace) output.WriteLine($"    trace: {line}");
        }
    }
}

using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>MSBuild canonical form: path(line,col): error PC1234: message, then an indented fix line.</summary>
public sealed class TextFormatter : IFormatter
{
    public bool Verbose { get; init; }
    /// <summary>ANSI colour on the severity word (red error, yellow warning, cyan note).</summary>
    public bool Color { get; init; }

    private string Severity(PolicyCheck.Facts.Severity s)
    {
        string word = Formatters.Severity(s);
        if (!Color) return word;
        string code = s == PolicyCheck.Facts.Severity.Error ? "31" : s == PolicyCheck.Facts.Severity.Warning ? "33" : "36";
        return "\u001b[" + code + "m" + word + "\u001b[0m";
    }

    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        foreach (var e in report.Problems) output.WriteLine(Formatters.Problem(e));
        foreach (var d in report.Diagnostics)
        {
            if (d.IsSuppressed) continue;
            string where = d.Label != null ? $" [{d.Label}]" : string.Empty;
            output.WriteLine($"{d.Path}({d.Span.Line},{d.Span.Column}): {Severity(d.Severity)} {d.RuleId}: {d.Message}{where}");
            if (!string.IsNullOrEmpty(d.Fix)) output.WriteLine($"    fix: {d.Fix}");
            if (Verbose && d.Trace != null) foreach (var line in d.Trace) output.WriteLine($"    trace: {line}");
        }
    }
}

using System;
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
        // Each line is formatted into one buffer and written from it: a repository's findings make no string per line.
        var line = new char[512];
        foreach (var d in report.Diagnostics)
        {
            if (d.IsSuppressed) continue;
            int n;
            while (!(d.Label != null
                ? line.AsSpan().TryWrite($"{d.Path}({d.Span.Line},{d.Span.Column}): {Severity(d.Severity)} {d.RuleId}: {d.Message} [{d.Label}]", out n)
                : line.AsSpan().TryWrite($"{d.Path}({d.Span.Line},{d.Span.Column}): {Severity(d.Severity)} {d.RuleId}: {d.Message}", out n)))
                line = new char[line.Length * 2];
            output.Write(line, 0, n);
            output.WriteLine();
            if (!string.IsNullOrEmpty(d.Fix))
            {
                output.Write("    fix: ");
                output.WriteLine(d.Fix);
            }
            if (Verbose && d.Trace != null) foreach (var step in d.Trace) output.WriteLine($"    trace: {step}");
        }
    }
}

using System.IO;
using System.Text;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>GitHub Actions workflow commands (::error file=...,line=...::message), shown as annotations on the PR.</summary>
public sealed class GithubFormatter : IFormatter
{
    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        foreach (var e in report.Problems)
        {
            string at = e.HasPosition ? $",line={e.Span.Line},col={e.Span.Column}" : string.Empty;
            output.WriteLine($"::error file={Property(e.Path)}{at},title={e.RuleId ?? "input"}::{Data(e.Message)}");
        }
        foreach (var d in report.Diagnostics)
        {
            if (d.IsSuppressed) continue;
            string command = d.Severity == Severity.Error ? "error" : d.Severity == Severity.Warning ? "warning" : "notice";
            string title = d.RuleId + " " + (catalog.Find(d.RuleId)?.Name ?? string.Empty);
            string text = d.Fix != null ? d.Message + "\nfix: " + d.Fix : d.Message;
            output.WriteLine($"::{command} file={Property(d.Path)},line={d.Span.Line},col={d.Span.Column},endLine={d.Span.EndLine},endColumn={d.Span.EndColumn},title={Property(title.Trim())}::{Data(text)}");
        }
    }

    /// <summary>Escaping for the message part of a workflow command.</summary>
    public static string Data(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            switch (c)
            {
                case '%': sb.Append("%25"); break;
                case '\r': sb.Append("%0D"); break;
                case '\n': sb.Append("%0A"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escaping for property values (file, title).</summary>
    public static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}

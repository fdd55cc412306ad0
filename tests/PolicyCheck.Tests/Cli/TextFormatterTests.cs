using System.IO;
using System.Linq;
using PolicyCheck.Cli.Output;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Json;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>lint's text output: one MSBuild-style line per finding and its fix line, whatever their length.</summary>
public sealed class TextFormatterTests
{
    private static string Text(bool color, params Diagnostic[] found)
    {
        var report = new LintReport();
        report.Diagnostics.AddRange(found);
        var output = new StringWriter { NewLine = "\n" };
        new TextFormatter { Color = color }.Write(report, BuiltIn.Catalog, output);
        return output.ToString();
    }

    [Fact]
    public void Lines_AreWholeAtAnyLength_WithLabelAndFix()
    {
        // Longer than the formatter's first buffer twice over, so it grows; a label; a fix; one without either.
        string message = "statement 1 also grants " + string.Join(", ", Enumerable.Range(0, 200).Select(i => "Action" + i));
        var span = new SourceSpan(10, 4, 3, 7, 3, 11);
        var labelled = new Diagnostic("PC2009", Severity.Note, message, "Remove the action.", "roles/a/permission.json", span, "Resources.Role");
        var plain = new Diagnostic("PC1001", Severity.Error, "short", null, "b.json", new SourceSpan(0, 1, 1, 1, 1, 2));
        Assert.Equal(
            $"roles/a/permission.json(3,7): note PC2009: {message} [Resources.Role]\n    fix: Remove the action.\n" +
            "b.json(1,1): error PC1001: short\n",
            Text(false, labelled, plain));
        Assert.True(message.Length > 1024);
    }

    [Fact]
    public void Color_WrapsTheSeverityWordOnly()
    {
        var d = new Diagnostic("PC1001", Severity.Warning, "m", null, "a.json", new SourceSpan(0, 1, 2, 5, 2, 6));
        Assert.Equal("a.json(2,5): \u001b[33mwarning\u001b[0m PC1001: m\n", Text(true, d));
    }

    [Fact]
    public void SuppressedFindings_AreLeftOut()
    {
        var shown = new Diagnostic("PC1001", Severity.Error, "shown", null, "a.json", new SourceSpan(0, 1, 1, 1, 1, 2));
        var hidden = new Diagnostic("PC1002", Severity.Error, "hidden", null, "a.json", new SourceSpan(0, 1, 1, 1, 1, 2));
        hidden.Suppress("accepted");
        Assert.Equal("a.json(1,1): error PC1001: shown\n", Text(false, shown, hidden));
    }
}

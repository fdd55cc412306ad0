using System.IO;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>Colour only on a terminal (FORCE_COLOR stands in for one here), never with NO_COLOR, --no-color or into a file.</summary>
public sealed class ColorTests
{
    private const string Red = "\u001b[31merror\u001b[0m";

    private static string Examples => Path.Combine(Lint.Repo, "examples", "broken", "bedrock-namespace");

    [Fact]
    public void ForcedColour_ColoursTheSeverity_InLintAndDiff()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", Examples }, env: k => k == "FORCE_COLOR" ? "1" : null);
        Assert.Equal(1, exit);
        Assert.Contains(Red + " PC2001", output, System.StringComparison.Ordinal);
        var (diff, text, _) = CliRunner.Run(new[] { "diff", "examples/diff/base", "examples/diff/head" }, env: k => k == "FORCE_COLOR" ? "1" : null, cwd: Lint.Repo);
        Assert.Equal(1, diff);
        Assert.Contains(Red + " PC6001", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NO_COLOR", "1", null)]
    [InlineData("TERM", "dumb", null)]
    [InlineData("FORCE_COLOR", "0", null)]
    [InlineData(null, null, "--no-color")]
    [InlineData(null, null, null)]
    public void NoColour_WhenAnythingSaysSo_OrNoTerminal(string? key, string? value, string? flag)
    {
        var args = flag != null ? new[] { "lint", Examples, flag } : new[] { "lint", Examples };
        var (exit, output, err) = CliRunner.Run(args, env: k => k == key ? value : k == "FORCE_COLOR" && key != "FORCE_COLOR" && (key != null || flag != null) ? "1" : null);
        Assert.Equal(1, exit);
        Assert.Contains("error PC2001", output);
        Assert.DoesNotContain("\u001b[", output + err, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AReportFile_IsNeverColoured()
    {
        using var dir = new TempDir();
        string report = Path.Combine(dir.Path, "report.txt");
        var (exit, _, _) = CliRunner.Run(new[] { "lint", Examples, "--output", report }, env: k => k == "FORCE_COLOR" ? "1" : null);
        Assert.Equal(1, exit);
        string text = File.ReadAllText(report);
        Assert.Contains("error PC2001", text);
        Assert.DoesNotContain("\u001b[", text, System.StringComparison.Ordinal);
    }
}

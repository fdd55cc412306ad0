using System.IO;
using System.Linq;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>The seed's policies lint clean; each broken example fails with the right rule at the right line.</summary>
public sealed class ExamplesTests
{
    [Theory]
    [InlineData("examples/seed/inference-only")]
    [InlineData("examples/seed/full-access")]
    public void Seed_Policies_Lint_Clean(string folder)
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", Path.Combine(Lint.Repo, folder), "--fail-on", "warning" });
        Assert.Equal(0, exit);
        Assert.DoesNotContain(": error ", output);
        Assert.DoesNotContain(": warning ", output);
    }

    [Fact]
    public void Full_Access_Policy_Has_No_Finding_At_All_For_Its_Features()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", Path.Combine(Lint.Repo, "examples/seed/full-access"), "--fail-on", "note" });
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Broken_Examples_Fail_With_The_Expected_Rule_At_The_Expected_Line()
    {
        var expected = File.ReadAllLines(Path.Combine(Lint.Repo, "examples", "broken", "expected.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 3))
            .ToList();
        Assert.True(expected.Count >= 15);
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "examples/broken" }, cwd: Lint.Repo);
        Assert.Equal(1, exit);
        foreach (var e in expected)
        {
            string prefix = $"examples/broken/{e[0]}({e[1]},";
            Assert.True(output.Split('\n').Any(l => l.StartsWith(prefix) && l.Contains(" " + e[2] + ": ")), $"expected {e[2]} at {e[0]}:{e[1]}\n{output}");
        }
        var folders = Directory.GetDirectories(Path.Combine(Lint.Repo, "examples", "broken")).Select(Path.GetFileName);
        Assert.All(folders, f => Assert.Contains(expected, e => e[0].StartsWith(f + "/")));
    }
}

using System.IO;
using PolicyCheck.Engine;
using Xunit;

namespace PolicyCheck.Tests;

public class WildcardTests
{
    [Theory]
    [InlineData("**/*.json", "a/b/c.json", true)]
    [InlineData("**/*.json", "c.json", true)]
    [InlineData("src/*.json", "src/a.json", true)]
    [InlineData("src/*.json", "src/a/b.json", false)]
    [InlineData("src/**", "src/a/b.json", true)]
    [InlineData("a?c.json", "abc.json", true)]
    [InlineData("a?c.json", "a/c.json", false)]
    [InlineData("**a**a**b.json", "xa/ya/b.json", true)]
    [InlineData("**a**a**b.json", "aaaa.json", false)]
    public void MatchPath_FollowsTheGlobRules(string glob, string path, bool expected)
        => Assert.Equal(expected, Wildcard.MatchPath(glob, path));

    /// <summary>A pull request's glob must not hang CI: each (glob, path) position pair is tried once.</summary>
    [Fact]
    public void PathologicalGlobs_AreDecided_OnTheCommandLine_AndInSuppressions()
    {
        string name = new string('a', 40) + ".json";
        Assert.False(Wildcard.MatchPath("**a**a**a**a**a**a**a**a**a**a**b.json", name));
        Assert.True(Wildcard.MatchPath("**a**a**a**a**a**a**a**a**a**a**.json", name));
        using var dir = new TempDir();
        dir.Write(name, """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        var (exit, output, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "**a**a**a**a**a**a**a**a**a**a**b.json") });
        Assert.Equal(2, exit);
        Assert.Contains("no file matches this pattern", output + err);
        dir.Write("policycheck.yml", "suppressions:\n  - rule: PC1023\n    path: \"**a**a**a**a**a**a**a**a**a**a**b.json\"\n    justification: a glob that matches nothing\n");
        var linted = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.True(linted.Exit is 0 or 1, linted.Out + linted.Err);
    }
}

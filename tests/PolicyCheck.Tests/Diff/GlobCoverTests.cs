using System;
using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Diff;
using PolicyCheck.Engine;
using Xunit;

namespace PolicyCheck.Tests.Diff;

/// <summary>GlobCover against brute force: every string up to six letters over the patterns' alphabet.</summary>
public sealed class GlobCoverTests
{
    private const string Alphabet = "abx";

    private static IEnumerable<string> Strings(int max)
    {
        var level = new List<string> { string.Empty };
        yield return string.Empty;
        for (int n = 1; n <= max; n++)
        {
            level = level.SelectMany(s => Alphabet.Select(c => s + c)).ToList();
            foreach (var s in level) yield return s;
        }
    }

    private static string Pattern(Random random)
    {
        const string parts = "ab*?";
        int length = random.Next(0, 5);
        return new string(Enumerable.Range(0, length).Select(_ => parts[random.Next(parts.Length)]).ToArray());
    }

    [Fact]
    public void Uncovered_FindsAStringExactlyWhenOneExists()
    {
        var random = new Random(20261203);
        var all = Strings(6).ToList();
        for (int round = 0; round < 600; round++)
        {
            string inner = Pattern(random);
            var outers = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pattern(random)).ToList();
            string? found = GlobCover.Uncovered(inner, outers, ignoreCase: false);
            bool exists = all.Any(s => Wildcard.Match(inner, s, false) && !outers.Any(o => Wildcard.Match(o, s, false)));
            string what = $"{inner} vs [{string.Join(", ", outers)}]";
            if (found != null)
            {
                Assert.True(Wildcard.Match(inner, found, false), what + ": " + found + " is not the inner's");
                Assert.False(outers.Any(o => Wildcard.Match(o, found, false)), what + ": " + found + " is an outer's");
            }
            else Assert.False(exists, what + ": a string exists and none was found");
            if (GlobCover.Covers(outers[0], inner, false))
                Assert.DoesNotContain(all, s => Wildcard.Match(inner, s, false) && !Wildcard.Match(outers[0], s, false));
        }
    }

    [Theory]
    [InlineData("logs/*", "logs/?*|logs/", null)]
    [InlineData("logs/*", "logs/*f|logs/", "logs/a")]
    [InlineData("logs/*", "logs/??????*", "logs/")]
    [InlineData("a*b", "a*", null)]
    public void Uncovered_Examples(string inner, string outers, string? expected)
    {
        string? found = GlobCover.Uncovered(inner, outers.Split('|'), ignoreCase: false);
        if (expected == null) Assert.Null(found);
        else
        {
            Assert.NotNull(found);
            Assert.Equal(expected.Length, found!.Length);
            Assert.StartsWith("logs/", found, StringComparison.Ordinal);
            Assert.False(found.EndsWith('f'));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Engine;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>PatternIndex narrows the patterns compared with a text; it must find exactly what comparing every pair finds.</summary>
public sealed class PatternIndexTests
{
    private static string? BruteForce(List<(string Pattern, int Order)> patterns, string text, int self, bool ignoreCase)
        => patterns.Where(p => p.Order != self && Wildcard.Match(p.Pattern, text, ignoreCase)).OrderBy(p => p.Order).Select(p => p.Pattern).FirstOrDefault();

    [Theory]
    [InlineData("s3:GetObject", "s3:Get*")]
    [InlineData("S3:GETOBJECT", "s3:Get*")]
    [InlineData("ec2:DescribeInstances", "*Instances")]
    [InlineData("sqs:SendMessage", "*Message*")]
    [InlineData("iam:PassRole", "*")]
    public void FindsTheFirstCoveringPattern_ByPrefixSuffixInfixOrStar(string text, string expected)
    {
        var patterns = new List<(string, int)> { ("s3:Put*", 0), ("s3:Get*", 1), ("*Instances", 2), ("*Message*", 3), ("*", 4) };
        var index = new PatternIndex(patterns, ignoreCase: true);
        Assert.Equal(expected, index.FirstMatch(text, -1, long.MaxValue));
        Assert.False(index.Exhausted);
    }

    [Fact]
    public void LeavesOutTheTextsOwnEntry_AndFindsNothingWhereNothingMatches()
    {
        var index = new PatternIndex(new List<(string, int)> { ("s3:Get*", 0) }, ignoreCase: false);
        Assert.Null(index.FirstMatch("s3:GetObject", 0, long.MaxValue));
        Assert.Null(index.FirstMatch("s3:PutObject", -1, long.MaxValue));
        Assert.Null(index.FirstMatch("S3:GETOBJECT", -1, long.MaxValue)); // case counts for resources
    }

    [Fact]
    public void AgreesWithComparingEveryPair_OnRandomLists()
    {
        var random = new Random(7);
        string[] parts = { "s3", ":", "Get", "get", "Object", "*", "?", "a", "b", "/", "x" };
        string Make(int max) => string.Concat(Enumerable.Range(0, 1 + random.Next(max)).Select(_ => parts[random.Next(parts.Length)]));
        for (int round = 0; round < 300; round++)
        {
            bool ignoreCase = round % 2 == 0;
            var patterns = Enumerable.Range(0, 1 + random.Next(12)).Select(i => (Make(5), i)).ToList();
            var index = new PatternIndex(patterns, ignoreCase);
            for (int t = 0; t < 20; t++)
            {
                string text = Make(6).Replace("*", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal);
                int self = random.Next(-1, patterns.Count);
                Assert.Equal(BruteForce(patterns, text, self, ignoreCase), index.FirstMatch(text, self, long.MaxValue));
            }
        }
    }

    [Fact]
    public void PastTheBudget_SaysSo_InsteadOfComparingOn()
    {
        var patterns = Enumerable.Range(0, 100).Select(i => ($"*x{i}*", i)).ToList();
        var index = new PatternIndex(patterns, ignoreCase: false);
        Assert.Null(index.FirstMatch("nothing-here", -1, 50));
        Assert.True(index.Exhausted);
        Assert.Equal(50, index.Comparisons);
    }
}

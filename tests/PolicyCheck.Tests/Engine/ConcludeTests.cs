using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>LintEngine.Conclude: one finding per rule, file, place and message, sorted by file and position.</summary>
public sealed class ConcludeTests
{
    private static Diagnostic Finding(string rule, string path, int start, string message, int length = 4)
        => new Diagnostic(rule, Severity.Warning, message, null, path, new SourceSpan(start, length, 1, start + 1, 1, start + 1 + length));

    private static List<string> Conclude(params Diagnostic[] raw)
        => LintEngine.CreateDefault(null).Conclude(raw.ToList(), new GatewayConfig())
            .Select(d => $"{d.Path}:{d.Span.Start}+{d.Span.Length} {d.RuleId} {d.Message}").ToList();

    [Fact]
    public void TheSameFindingTwiceInOneFile_IsReportedOnce()
        => Assert.Equal(new[] { "a.json:10+4 PC2001 m" }, Conclude(Finding("PC2001", "a.json", 10, "m"), Finding("PC2001", "a.json", 10, "m")));

    [Fact]
    public void RepeatsApartInTheSortedList_AreStillOne()
        => Assert.Equal(new[] { "a.json:5+4 PC2001 m", "a.json:10+4 PC2001 m", "b.json:1+4 PC2001 m" },
            Conclude(Finding("PC2001", "a.json", 10, "m"), Finding("PC2001", "b.json", 1, "m"), Finding("PC2001", "a.json", 5, "m"), Finding("PC2001", "a.json", 10, "m")));

    [Fact]
    public void AlikeFindingsInTwoFiles_AreBothKept()
        => Assert.Equal(new[] { "a.json:10+4 PC2001 m", "b.json:10+4 PC2001 m" }, Conclude(Finding("PC2001", "b.json", 10, "m"), Finding("PC2001", "a.json", 10, "m")));

    [Fact]
    public void AnotherMessageRuleOrLengthAtThePlace_IsAnotherFinding()
    {
        var found = Conclude(Finding("PC2001", "a.json", 10, "m"), Finding("PC2001", "a.json", 10, "n"), Finding("PC2002", "a.json", 10, "m"), Finding("PC2001", "a.json", 10, "m", length: 5));
        Assert.Equal(4, found.Count);
        Assert.Equal(4, found.Distinct().Count());
    }

    [Fact]
    public void FindingsAtOnePlace_KeepTheOrderTheyWereFoundIn()
    {
        // Sorted by file and position; the same rule's findings at one place stay as found, whether sorting was needed or not.
        Assert.Equal(new[] { "a.json:10+4 PC2001 second", "a.json:10+4 PC2001 first", "b.json:1+4 PC2001 m" },
            Conclude(Finding("PC2001", "b.json", 1, "m"), Finding("PC2001", "a.json", 10, "second"), Finding("PC2001", "a.json", 10, "first")));
        Assert.Equal(new[] { "a.json:10+4 PC2001 second", "a.json:10+4 PC2001 first" },
            Conclude(Finding("PC2001", "a.json", 10, "second"), Finding("PC2001", "a.json", 10, "first")));
        Assert.Equal(new[] { "a.json:10+4 PC2001 first", "a.json:10+4 PC2001 second", "a.json:12+4 PC2001 z" },
            Conclude(Finding("PC2001", "a.json", 12, "z"), Finding("PC2001", "a.json", 10, "first"), Finding("PC2001", "a.json", 10, "second")));
    }

    [Fact]
    public void ManyFindingsAtOnePlace_KeepTheirOrder_WhenTheRestNeedsSorting()
    {
        // Past 16 items an unstable sort would shuffle the ties; the order found is kept.
        var raw = Enumerable.Range(0, 50).Select(i => Finding("PC2001", "a.json", 10, $"m{i:D2}")).Append(Finding("PC2001", "a.json", 2, "early")).ToArray();
        var found = Conclude(raw);
        Assert.Equal("a.json:2+4 PC2001 early", found[0]);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a.json:10+4 PC2001 m{i:D2}"), found.Skip(1));
    }
}

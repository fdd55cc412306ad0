using System;
using PolicyCheck.Json;
using PolicyCheck.Model;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>A document placed inside a larger text (a batch line): its path and spans are where it sits there.</summary>
public sealed class PolicyDocumentTests
{
    private const string Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private static SourceSpan At(int start, int column) => new SourceSpan(start, 0, 1, column, 1, column);

    [Fact]
    public void Placed_NamesItsPlace_AndShiftsItsSpans()
    {
        var doc = PolicyReader.Read("p.json", Policy);
        var statement = doc.Statements[0].Span;
        var placed = doc.At("line 7", "policies", 1, At(40, 41));
        Assert.Equal("line 7: policies[1]", placed.Path);
        Assert.Equal("line 7: sessionPolicy", doc.At("line 7", "sessionPolicy", -1, At(40, 41)).Path);
        Assert.Equal("somewhere", doc.At("somewhere", At(40, 41)).Path);
        var shifted = placed.InFile(statement);
        Assert.Equal(statement.Start + 40, shifted.Start);
        Assert.Equal(statement.Column + 40, shifted.Column);
        Assert.Equal(statement, doc.InFile(statement)); // the document itself stays where it was read
        Span<char> text = stackalloc char[64];
        Assert.True(placed.TryWritePath(text, out int n));
        Assert.Equal("line 7: policies[1]", text.Slice(0, n).ToString());
        Assert.False(placed.TryWritePath(text.Slice(0, 5), out _)); // too small: the caller takes Path instead
    }

    [Fact]
    public void PlacedTwice_ShiftsByBoth()
    {
        var doc = PolicyReader.Read("p.json", Policy);
        var statement = doc.Statements[0].Span;
        var twice = doc.At("line 1", "policies", 0, At(10, 11)).At("line 2", "policies", 0, At(100, 101));
        var shifted = twice.InFile(statement);
        Assert.Equal(statement.Start + 110, shifted.Start);
        Assert.Equal(statement.Column + 110, shifted.Column);
        Assert.Equal("line 2: policies[0]", twice.Path);
    }
}

using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>ServiceFacts' action lookups: by name in any case, by position, and qualified names made once.</summary>
public sealed class ServiceFactsTests
{
    private static ServiceFacts Facts => BuiltIn.Service;

    [Fact]
    public void IndexOfAction_IsThePositionOfTheActionFindActionFinds_AnyCase()
    {
        int at = Facts.IndexOfAction("createinference");
        Assert.True(at >= 0);
        Assert.Same(Facts.FindAction("CreateInference"), Facts.Actions[at]);
        Assert.Equal(-1, Facts.IndexOfAction("InvokeModel"));
        Assert.Null(Facts.FindAction("InvokeModel"));
    }

    [Fact]
    public void Qualified_IsTheNamespaceAndTheNameAsWritten()
    {
        Assert.Equal("aws-external-anthropic:CreateInference", Facts.Qualified("CreateInference"));
        Assert.Equal("aws-external-anthropic:createinference", Facts.Qualified("createinference"));
        Assert.Equal("aws-external-anthropic:InvokeModel", Facts.Qualified("InvokeModel"));
        Assert.Equal(Facts.Actions.Select(a => "aws-external-anthropic:" + a.Name), Enumerable.Range(0, Facts.Actions.Count).Select(i => Facts.Qualified(i)));
    }

    [Theory]
    [InlineData("aws-external-anthropic:*BatchInference*")]
    [InlineData("aws-external-anthropic:*")]
    [InlineData("AWS-External-Anthropic:get*")]
    [InlineData("aws-external-anthropic:NoSuch*")]
    public void ExpandPositions_AreThePositionsOfTheActionsExpandLists(string pattern)
    {
        var actions = Access.Expand(Facts, pattern);
        var positions = Access.ExpandPositions(Facts, pattern);
        Assert.Equal(actions, positions.Select(i => Facts.Actions[i]));
        Assert.Equal(Facts.Actions.Where(a => Wildcard.Match(pattern, "aws-external-anthropic:" + a.Name, ignoreCase: true)), actions);
        Assert.Equal(pattern.Contains("NoSuch"), positions.Length == 0);
    }
}

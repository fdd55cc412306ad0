using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1018: what ConditionOperatorRule must flag and what it must leave alone.</summary>
public sealed class ConditionOperatorRuleTests
{
    private static string With(string condition) => Lint.Permission("""{"Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"*","Condition":""" + condition + "}");

    [Fact]
    public void Flags_UnknownOperator_WithNearest()
    {
        var found = Lint.Json(With("""{"StringEqual":{"aws:RequestedRegion":"us-east-1"}}""")).Only("PC1018");
        var d = Assert.Single(found);
        Assert.Contains("StringEqual", d.Message);
        Assert.Contains("StringEquals", d.Fix);
        Assert.Equal(1, d.Span.Line);
    }

    [Fact]
    public void Flags_NullIfExists()
        => Assert.Single(Lint.Json(With("""{"NullIfExists":{"aws:TokenIssueTime":"true"}}""")).Only("PC1018"));

    [Fact]
    public void Flags_QualifiedNull()
        => Assert.Single(Lint.Json(With("""{"ForAnyValue:Null":{"aws:TagKeys":"true"}}""")).Only("PC1018"));

    [Fact]
    public void Accepts_EveryKnownOperatorForm()
        => Assert.Empty(Lint.Json(With("""{"StringEqualsIfExists":{"a":"x"},"ForAllValues:StringLike":{"b":"x*"},"ForAnyValue:ArnLike":{"c":"arn:aws:iam::*:role/x"},"Null":{"d":"true"},"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")).Only("PC1018"));
}

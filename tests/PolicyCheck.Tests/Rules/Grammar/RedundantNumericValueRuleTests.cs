using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1043: what RedundantNumericValueRule must flag and what it must leave alone.</summary>
public sealed class RedundantNumericValueRuleTests
{
    [Fact]
    public void Flags_AllButTheGreatest_UnderLessThan()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": [{|PC1043:"2700"|}, "3600", {|PC1043:"60"|}]}}}]}
            """);
        Assert.All(found, d => Assert.Equal("keep only \"3600\"", d.Fix));
    }

    [Fact]
    public void Flags_AllButTheLeast_UnderGreaterThanEquals()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericGreaterThanEquals": {"s3:max-keys": ["10", {|PC1043:"20"|}]}}}]}
            """);

    [Theory]
    [InlineData("""{"NumericEquals": {"s3:max-keys": ["10", "20"]}}""")]
    [InlineData("""{"NumericNotEquals": {"s3:max-keys": ["10", "20"]}}""")]
    [InlineData("""{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}""")]
    [InlineData("""{"DateLessThan": {"aws:CurrentTime": ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]}}""")]
    public void Accepts_EqualityOperators_OneValue_AndDates(string condition)
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": """ + condition + "}")).Only("PC1043"));
}

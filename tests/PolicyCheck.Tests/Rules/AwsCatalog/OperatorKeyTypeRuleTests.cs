using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1027: what OperatorKeyTypeRule must flag and what it must leave alone.</summary>
public sealed class OperatorKeyTypeRuleTests
{
    private static string With(string condition) => Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":""" + condition + "}");

    [Theory]
    [InlineData("""{"StringEquals":{"aws:SecureTransport":"true"}}""")]
    [InlineData("""{"StringEquals":{"aws:SourceIp":"10.0.0.1"}}""")]
    [InlineData("""{"NumericLessThan":{"aws:CurrentTime":"5"}}""")]
    [InlineData("""{"DateLessThan":{"aws:MultiFactorAuthAge":"2026-01-01"}}""")]
    [InlineData("""{"ArnLike":{"aws:PrincipalAccount":"arn:aws:iam::*:root"}}""")]
    public void Flags_Mismatch(string condition)
        => Assert.Single(Lint.Json(With(condition)).Only("PC1027"));

    [Fact]
    public void Accepts_MatchingTypes()
        => Assert.Empty(Lint.Json(With("""{"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.1"},"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600","aws:EpochTime":"1800000000"},"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"},"ForAnyValue:StringEquals":{"aws:TagKeys":"team"},"Null":{"aws:SourceVpc":"true"}}""")).Only("PC1027"));
}

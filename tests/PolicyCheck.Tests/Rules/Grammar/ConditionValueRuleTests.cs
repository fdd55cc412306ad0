using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1019: what ConditionValueRule must flag and what it must leave alone.</summary>
public sealed class ConditionValueRuleTests
{
    private static string With(string condition) => """
        {
        "Version": "2012-10-17",
        "Statement": [{"Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"*",
        "Condition":
        """ + condition + "}]}";

    [Theory]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}""", "prefix length")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0"}}""", "not an IP address")]
    [InlineData("""{"NotIpAddress":{"aws:SourceIp":"2001:db8::/129"}}""", "prefix length")]
    [InlineData("""{"DateLessThan":{"aws:CurrentTime":"31/12/2026"}}""", "ISO 8601")]
    [InlineData("""{"NumericLessThan":{"aws:MultiFactorAuthAge":"one hour"}}""", "number")]
    [InlineData("""{"Bool":{"aws:SecureTransport":"yes"}}""", "true or false")]
    [InlineData("""{"BinaryEquals":{"k":"not base64!"}}""", "base64")]
    [InlineData("""{"ArnLike":{"aws:PrincipalArn":"portkey-app"}}""", "ARN")]
    public void Flags_WrongType(string condition, string expected)
    {
        var d = Assert.Single(Lint.Json(With(condition)).Only("PC1019"));
        Assert.Contains(expected, d.Message);
        Assert.Equal(4, d.Span.Line);
    }

    [Fact]
    public void Flags_NoValues()
        => Assert.Single(Lint.Json(With("""{"StringEquals":{"k":[]}}""")).Only("PC1019"));

    [Fact]
    public void Accepts_WellTyped()
        => Assert.Empty(Lint.Json(With("""{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32","203.0.113.7"]},"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}""")).Only("PC1019"));

    [Fact]
    public void Flags_APolicyVariable_UnderAnOperatorThatResolvesNone()
    {
        var d = Assert.Single(Lint.Json(With("""{"NumericLessThan":{"aws:MultiFactorAuthAge":"${aws:PrincipalTag/age}"}}""")).Only("PC1019"));
        Assert.Contains("only under String and Arn operators", d.Message);
    }

    [Fact]
    public void Accepts_PolicyVariables_UnderStringAndArnOperators()
        => Assert.Empty(Lint.Json(With("""{"StringEquals":{"aws:PrincipalTag/team":"${aws:username}"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::${aws:username}"}}""")).Only("PC1019"));
}

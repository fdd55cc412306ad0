using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1026: what UnknownConditionKeyRule must flag and what it must leave alone.</summary>
public sealed class UnknownConditionKeyRuleTests
{
    private static string With(string condition) => Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":""" + condition + "}");

    [Theory]
    [InlineData("""{"StringEquals":{"aws:SourceVPC2":"vpc-1"}}""", "global")]
    [InlineData("""{"StringEquals":{"s3:prefixx":"a/"}}""", "Amazon S3")]
    [InlineData("""{"StringEquals":{"SourceIp":"a"}}""", "not a condition key")]
    public void Flags_UnknownKeys(string condition, string expected)
    {
        var d = Assert.Single(Lint.Json(With(condition)).Only("PC1026"));
        Assert.Contains(expected, d.Message);
    }

    [Fact]
    public void Accepts_GlobalServiceAndTagKeys_AnyCase()
        => Assert.Empty(Lint.Json(With("""{"StringEquals":{"aws:sourcevpc":"vpc-1","s3:prefix":"a/","aws:PrincipalTag/team":"red","sts:ExternalId":"x"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")).Only("PC1026"));

    [Fact]
    public void Flags_TheDeprecatedAwsArn_NamingItsSuccessors()
    {
        var d = Assert.Single(Lint.Json(With("""{"ArnLike":{"aws:ARN":"arn:aws:iam::111122223333:role/*"}}""")).Only("PC1026"));
        Assert.Contains("deprecated", d.Message);
        Assert.Contains("aws:PrincipalArn", d.Fix);
    }

    [Fact]
    public void LeavesTagFamiliesWithoutAName_ToPC1038()
        => Assert.Empty(Lint.Json(With("""{"StringEquals":{"aws:ResourceTag":"x"}}""")).Only("PC1026"));
}

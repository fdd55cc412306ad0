using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1024: what ResourceTypeMismatchRule must flag and what it must leave alone.</summary>
public sealed class ResourceTypeMismatchRuleTests
{
    [Fact]
    public void Flags_GetObjectOnTheBucketArn()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket"}""")).Only("PC1024"));
        Assert.Contains("object", d.Message);
    }

    [Fact]
    public void Flags_StarOnlyActionWithSpecificResources()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::my-bucket"}""")).Only("PC1024"));
        Assert.Contains("only \"Resource\": \"*\"", d.Message);
    }

    [Fact]
    public void Accepts_MatchingTypes_Wildcards_AndMixedStatements()
        => Assert.Empty(Lint.Json(Lint.Permission(
            """{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::my-bucket","arn:aws:s3:::my-bucket/*"]},""" +
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*"},""" +
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"},""" +
            """{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}""")).Only("PC1024"));
}

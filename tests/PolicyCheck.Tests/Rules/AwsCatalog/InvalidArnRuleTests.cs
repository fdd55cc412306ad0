using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1025: what InvalidArnRule must flag and what it must leave alone.</summary>
public sealed class InvalidArnRuleTests
{
    [Theory]
    [InlineData("arn:awz:s3:::bucket/*", "partition")]
    [InlineData("arn:aws:s3:useast1::bucket/*", "region")]
    [InlineData("arn:aws:dynamodb:us-east-1:1234:table/t", "account")]
    [InlineData("arn:aws:s3:bucket", "complete ARN")]
    [InlineData("arn:aws:s33:::bucket", "service prefix")]
    public void Flags_Malformed(string arn, string what)
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + arn + "\"}")).Only("PC1025"));
        Assert.Contains(what, d.Message);
    }

    [Fact]
    public void Accepts_WellFormed_Wildcards_AndAwsManagedAccount()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::bucket/*","arn:aws:dynamodb:*:*:table/t","arn:aws:iam::aws:policy/ReadOnlyAccess","arn:aws-cn:s3:::b","arn:aws:iam::111122223333:role/${aws:username}","arn:aws:s3:*"]}""")).Only("PC1025"));
}

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

    [Fact]
    public void Warns_OnAMissingRegion_AndAResourcePartNoFormatMatches()
    {
        var found = Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"ec2:StartInstances","Resource":["arn:aws:ec2::123456789012:instance/i-1","arn:aws:ec2:us-east-1:123456789012:instanse/i-1","arn:aws:ec2:us-east-1:123456789012:instance/i-1","arn:aws:iam::123456789012:role/x"]}""")).Only("PC1025");
        Assert.Equal(2, found.Count);
        Assert.Contains("has no region", found[0].Message);
        Assert.Contains("matches none of the Amazon EC2 resource ARN formats", found[1].Message);
        Assert.All(found, d => Assert.Equal(PolicyCheck.Facts.Severity.Warning, d.Severity));
    }
}

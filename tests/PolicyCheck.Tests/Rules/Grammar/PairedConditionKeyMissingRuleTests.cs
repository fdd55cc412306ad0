using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1051: what PairedConditionKeyMissingRule must flag and what it must leave alone.</summary>
public sealed class PairedConditionKeyMissingRuleTests
{
    [Fact]
    public void Flags_VpcSourceIp_Alone_AtTheKey()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {{|PC1051:"aws:VpcSourceIp"|}: "10.0.0.0/16"}}}]}
            """);

    [Theory]
    [InlineData("aws:SourceVpc", "vpc-0a1b2c3d")]
    [InlineData("aws:SourceVpce", "vpce-0a1b2c3d")]
    public void Accepts_VpcSourceIp_WithTheVpcNamed(string key, string value)
        => Assert.Empty(Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:VpcSourceIp\": \"10.0.0.0/16\"}, \"StringEquals\": {\"" + key + "\": \"" + value + "\"}}}")).Only("PC1051"));
}

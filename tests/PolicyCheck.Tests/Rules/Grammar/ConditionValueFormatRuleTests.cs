using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1044: what ConditionValueFormatRule must flag and what it must leave alone.</summary>
public sealed class ConditionValueFormatRuleTests
{
    [Theory]
    [InlineData("aws:SourceVpc", "vpc-prod", "VPC ID")]
    [InlineData("aws:SourceVpc", "vpc-0A1B2C3D", "VPC ID")]
    [InlineData("aws:SourceVpce", "vpc-0a1b2c3d", "VPC endpoint ID")]
    [InlineData("aws:RequestedRegion", "US-EAST-1", "region")]
    [InlineData("aws:RequestedRegion", "us-east", "region")]
    [InlineData("iam:PassedToService", "lambda", "service principal")]
    [InlineData("aws:PrincipalServiceName", "Lambda.amazonaws.com", "service principal")]
    [InlineData("kms:ViaService", "ec2.amazonaws.com", "service endpoint")]
    public void Flags_AValueInTheWrongShape_AtTheValue(string key, string value, string said)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"@key@": {|PC1044:"@value@"|}}}}]}
            """.Replace("@key@", key, System.StringComparison.Ordinal).Replace("@value@", value, System.StringComparison.Ordinal));
        Assert.Contains(said, Assert.Single(found).Message);
    }

    [Theory]
    [InlineData("StringEquals", "aws:SourceVpc", "vpc-0a1b2c3d")]
    [InlineData("StringEquals", "aws:SourceVpc", "vpc-0a1b2c3d4e5f60718")]
    [InlineData("StringEqualsIgnoreCase", "aws:SourceVpc", "VPC-0A1B2C3D")]
    [InlineData("StringLike", "aws:SourceVpce", "vpce-*")]
    [InlineData("StringEquals", "aws:RequestedRegion", "us-gov-west-1")]
    [InlineData("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com")]
    [InlineData("StringEquals", "kms:ViaService", "ec2.us-east-1.amazonaws.com")]
    [InlineData("StringEquals", "aws:SourceVpc", "${aws:PrincipalTag/vpc}")]
    public void Accepts_WellFormedValues_Patterns_AndVariables(string op, string key, string value)
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"@op@": {"@key@": "@value@"}}}""".Replace("@op@", op, System.StringComparison.Ordinal).Replace("@key@", key, System.StringComparison.Ordinal).Replace("@value@", value, System.StringComparison.Ordinal))).Only("PC1044"));
}

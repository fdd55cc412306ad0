using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1041: what PrivateSourceIpRule must flag and what it must leave alone.</summary>
public sealed class PrivateSourceIpRuleTests
{
    private static string Policy(string op, string values) => """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"@op@": {"aws:SourceIp": @values@}}}]}
        """.Replace("@op@", op, System.StringComparison.Ordinal).Replace("@values@", values, System.StringComparison.Ordinal);

    [Theory]
    [InlineData("IpAddress", "never holds")]
    [InlineData("NotIpAddress", "excludes nothing")]
    public void Flags_OnlyPrivateRanges_AsAnError_AtTheKey(string op, string said)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"@op@": {{|PC1041:"aws:SourceIp"|}: ["10.1.0.0/16", "192.168.1.7", "fd00::/8"]}}}]}
            """.Replace("@op@", op, System.StringComparison.Ordinal));
        var d = Assert.Single(found);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Contains(said, d.Message);
    }

    [Fact]
    public void Flags_APrivateValueBesidePublicOnes_AsANote_AtTheValue()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", {|PC1041:"172.16.4.0/24"|}]}}}]}
            """);
        Assert.Equal(Severity.Note, Assert.Single(found).Severity);
    }

    [Theory]
    [InlineData("IpAddress", """["203.0.113.0/24", "2001:db8::/32"]""")]
    [InlineData("IpAddress", "\"0.0.0.0/0\"")]
    [InlineData("NotIpAddress", "\"172.32.0.0/16\"")]
    public void Accepts_PublicRanges_AndBlocksWiderThanAPrivateOne(string op, string values)
        => Assert.Empty(Lint.Json(Policy(op, values)).Only("PC1041"));

    [Fact]
    public void Accepts_PrivateRanges_UnderVpcSourceIp()
        => Assert.Empty(Lint.Json("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}, "StringEquals": {"aws:SourceVpc": "vpc-0a1b2c3d"}}}]}""").Only("PC1041"));
}

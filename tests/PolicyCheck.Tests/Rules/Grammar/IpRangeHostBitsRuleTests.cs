using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1042: what IpRangeHostBitsRule must flag and what it must leave alone.</summary>
public sealed class IpRangeHostBitsRuleTests
{
    [Theory]
    [InlineData("203.0.113.5/24", "203.0.113.0/24")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    public void Flags_HostBits_WithAnEditToTheNetworkAddress(string value, string block)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": {|PC1042:"@value@"|}}}}]}
            """.Replace("@value@", value, System.StringComparison.Ordinal));
        var d = Assert.Single(found);
        Assert.Equal(value, d.Edit!.Old);
        Assert.Equal(block, d.Edit.New);
    }

    [Theory]
    [InlineData("203.0.113.0/24")]
    [InlineData("203.0.113.5")]
    [InlineData("203.0.113.5/32")]
    [InlineData("2001:db8::/32")]
    public void Accepts_NetworkAddresses_AndSingleAddresses(string value)
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "@value@"}}}""".Replace("@value@", value, System.StringComparison.Ordinal))).Only("PC1042"));
}

using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1054: what UnsupportedTrustActionRule must flag and what it must leave alone.</summary>
public sealed class UnsupportedTrustActionRuleTests
{
    [Fact]
    public void Flags_NonRoleActions_InATrustPolicy()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": ["sts:AssumeRole", {|PC1054:"s3:GetObject"|}, {|PC1054:"sts:GetCallerIdentity"|}]}]}
            """);

    [Theory]
    [InlineData("[\"sts:AssumeRole\", \"sts:TagSession\", \"sts:SetSourceIdentity\", \"sts:SetContext\"]")]
    [InlineData("\"sts:AssumeRole*\"")]
    [InlineData("\"sts:*\"")]
    [InlineData("\"*\"")]
    public void Accepts_TheRoleActions_AndWildcardsThatCoverThem(string actions)
        => Assert.Empty(Lint.Role(Lint.Config(null), ("trust.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/app\"}, \"Action\": " + actions + "}]}")).Only("PC1054"));

    [Fact]
    public void Accepts_TheSameAction_InAPermissionPolicy()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}""")).Only("PC1054"));
}

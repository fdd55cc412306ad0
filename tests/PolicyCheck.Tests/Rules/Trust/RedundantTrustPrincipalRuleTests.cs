using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1053: what RedundantTrustPrincipalRule must flag and what it must leave alone.</summary>
public sealed class RedundantTrustPrincipalRuleTests
{
    [Fact]
    public void Flags_ASessionOfAListedRole_AtTheSession()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ci/app", {|PC1053:"arn:aws:sts::111122223333:assumed-role/app/build"|}]}, "Action": "sts:AssumeRole"}]}
            """);

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/other")]
    [InlineData("arn:aws:iam::444455556666:role/app")]
    public void Accepts_SessionsOfRolesNotListed(string role)
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["@role@", "arn:aws:sts::111122223333:assumed-role/app/build"]}, "Action": "sts:AssumeRole"}]}
            """.Replace("@role@", role, System.StringComparison.Ordinal), null, "PC1053");
}

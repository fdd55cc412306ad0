using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1039: what MissingSetQualifierRule must flag and what it must leave alone.</summary>
public sealed class MissingSetQualifierRuleTests
{
    [Theory]
    [InlineData("StringEquals", "aws:TagKeys")]
    [InlineData("StringLike", "aws:PrincipalOrgPaths")]
    [InlineData("ArnLike", "aws:CalledVia")]
    public void Flags_AMultivaluedKey_WithoutASetOperator(string op, string key)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:TagRole", "Resource": "*", "Condition": {"@op@": {{|PC1039:"@key@"|}: ["a"]}}}]}
            """.Replace("@op@", op, System.StringComparison.Ordinal).Replace("@key@", key, System.StringComparison.Ordinal));
        Assert.Contains($"ForAnyValue:{op}", Assert.Single(found).Fix);
    }

    [Theory]
    [InlineData("ForAnyValue:StringEquals", "aws:TagKeys")]
    [InlineData("ForAllValues:StringLike", "aws:PrincipalOrgPaths")]
    [InlineData("StringEquals", "aws:PrincipalOrgID")]
    [InlineData("Null", "aws:TagKeys")]
    public void Accepts_SetOperators_SingleValuedKeys_AndNull(string op, string key)
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:TagRole", "Resource": "*", "Condition": {"@op@": {"@key@": "true"}}}]}
            """.Replace("@op@", op, System.StringComparison.Ordinal).Replace("@key@", key, System.StringComparison.Ordinal), null, "PC1039");
}

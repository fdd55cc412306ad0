using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1038: what MissingTagKeyRule must flag and what it must leave alone.</summary>
public sealed class MissingTagKeyRuleTests
{
    [Theory]
    [InlineData("aws:ResourceTag", "aws:ResourceTag/team")]
    [InlineData("aws:RequestTag/", "aws:RequestTag/team")]
    [InlineData("iam:ResourceTag", "iam:ResourceTag/team")]
    [InlineData("aws:PrincipalTag", "aws:PrincipalTag/team")]
    public void Flags_ATagFamilyWithoutTheTagsName_AtTheKey(string key, string fix)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "*", "Condition": {"StringEquals": {{|PC1038:"@key@"|}: "ml"}}}]}
            """.Replace("@key@", key, System.StringComparison.Ordinal), null, "PC1026");
        Assert.Contains(fix, Assert.Single(found).Fix);
    }

    [Fact]
    public void Accepts_TagKeysWithTheirName_AndAwsTagKeys()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:TagRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "ml", "aws:PrincipalTag/team": "ml"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}
            """, null, "PC1038", "PC1026");
}

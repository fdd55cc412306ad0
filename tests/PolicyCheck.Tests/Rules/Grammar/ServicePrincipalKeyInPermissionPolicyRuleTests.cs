using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1037: what ServicePrincipalKeyInPermissionPolicyRule must flag and what it must leave alone.</summary>
public sealed class ServicePrincipalKeyInPermissionPolicyRuleTests
{
    [Theory]
    [InlineData("Bool", "aws:PrincipalIsAWSService", "\"false\"", "is always false")]
    [InlineData("StringEquals", "aws:PrincipalServiceName", "\"ecs.amazonaws.com\"", "is never present")]
    [InlineData("ForAnyValue:StringEquals", "aws:PrincipalServiceNamesList", "[\"ecs.amazonaws.com\"]", "is never present")]
    public void Flags_ServicePrincipalKeys_InAPermissionPolicy_AsANote(string op, string key, string value, string said)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"@op@": {{|PC1037:"@key@"|}: @value@}}}]}
            """.Replace("@op@", op, System.StringComparison.Ordinal).Replace("@key@", key, System.StringComparison.Ordinal).Replace("@value@", value, System.StringComparison.Ordinal));
        Assert.Equal(Severity.Note, Assert.Single(found).Severity);
        Assert.Contains(said, found[0].Message);
    }

    [Fact]
    public void Accepts_TheSameKey_InATrustPolicy()
    {
        var found = Lint.Role(Lint.Config(null), ("trust.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:PrincipalIsAWSService": "true"}}}]}"""));
        Assert.Empty(found.Only("PC1037"));
    }
}

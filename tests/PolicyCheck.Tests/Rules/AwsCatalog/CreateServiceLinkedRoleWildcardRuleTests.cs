using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1050: what CreateServiceLinkedRoleWildcardRule must flag and what it must leave alone.</summary>
public sealed class CreateServiceLinkedRoleWildcardRuleTests
{
    [Theory]
    [InlineData("""{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}""")]
    [InlineData("""{"Effect": "Allow", "Action": "iam:Create*", "Resource": "arn:aws:iam::*:role/aws-service-role/*"}""")]
    [InlineData("""{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::*:role/admin"}""")]
    [InlineData("""{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}""")]
    public void Flags_EveryServicesRole(string statement)
        => Assert.Single(Lint.Json(Lint.Permission(statement)).Only("PC1050"));

    [Fact]
    public void Reports_AtTheResourceKey()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", {|PC1050:"Resource"|}: "*"}]}
            """);

    [Theory]
    [InlineData("""{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*"}""")]
    [InlineData("""{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "ecs.amazonaws.com"}}}""")]
    [InlineData("""{"Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}""")]
    [InlineData("""{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}""")]
    public void Accepts_OneServicesRole_ANamingCondition_Denies_AndNotActionThatExcludesIt(string statement)
        => Assert.Empty(Lint.Json(Lint.Permission(statement)).Only("PC1050"));
}

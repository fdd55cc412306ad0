using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1036: what ConditionKeyNotForActionRule must flag and what it must leave alone.</summary>
public sealed class ConditionKeyNotForActionRuleTests
{
    [Fact]
    public void Flags_AServiceKey_OneOfTheActionsDoesNotTake_AtTheKey()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::reports/*",
              "Condition": {"StringEquals": {{|PC1036:"s3:x-amz-acl"|}: "private"}}}]}
            """);
        var d = Assert.Single(found);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("does not apply to s3:GetObject", d.Message);
        Assert.DoesNotContain("s3:PutObject", d.Message);
        Assert.Contains("never allows them", d.Message);
    }

    [Fact]
    public void Flags_AKeyNoActionTakes_NamingTheActionItBelongsTo()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}""")).Only("PC1036"));
        Assert.Contains("no action of statement 1 takes iam:PassedToService", d.Message);
        Assert.Contains("iam:PassRole", d.Fix);
    }

    [Fact]
    public void Negated_AndIfExists_Conditions_AlwaysHold_ForActionsWithoutTheKey()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*", "Condition": {"StringNotEquals": {"s3:x-amz-acl": "public-read"}}}""")).Only("PC1036"));
        Assert.Contains("always holds", d.Message);
        Assert.Contains("allows, whatever the key's value,", d.Message);
    }

    [Fact]
    public void TagKeys_OnAnAllow_AreANote_OnADeny_AWarning()
    {
        const string Condition = "\"Condition\": {\"StringEquals\": {\"aws:ResourceTag/team\": \"ml\"}}";
        var allow = Assert.Single(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": ["sqs:SendMessage", "s3:ListAllMyBuckets"], "Resource": "*", """ + Condition + "}")).Only("PC1036"));
        Assert.Equal(Severity.Note, allow.Severity);
        Assert.Contains("s3:ListAllMyBuckets", allow.Message);
        Assert.DoesNotContain("sqs:SendMessage", allow.Message);
        var deny = Assert.Single(Lint.Json(Lint.Permission("""{"Effect": "Deny", "Action": ["sqs:SendMessage", "s3:ListAllMyBuckets"], "Resource": "*", """ + Condition + "}")).Only("PC1036"));
        Assert.Equal(Severity.Warning, deny.Severity);
        Assert.Contains("never denies them", deny.Message);
    }

    [Fact]
    public void TagKeys_WithNotAction_AreFlagged()
    {
        var d = Assert.Single(Lint.Json(Lint.Permission("""{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}""")).Only("PC1036"));
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("NotAction", d.Message);
    }

    [Theory]
    [InlineData("""{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz-acl": "private"}}}""")]
    [InlineData("""{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}""")]
    [InlineData("""{"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}""")]
    [InlineData("""{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "ml"}}}""")]
    [InlineData("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "ml"}}}""")]
    public void Accepts_KeysTheActionsTake_GlobalKeys_AndABareStar(string statement)
        => Assert.Empty(Lint.Json(Lint.Permission(statement)).Only("PC1036"));

    [Fact]
    public void TrustPolicies_ExternalIdOnAssumeRole_StaysQuiet()
    {
        var found = Lint.Role(Lint.Config(null), ("trust.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"}}}]}"""));
        Assert.Empty(found.Only("PC1036"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1002: what DuplicateKeyRule must flag and what it must leave alone.</summary>
public sealed class DuplicateKeyRuleTests
{
    [Fact]
    public void Flags_RepeatedAction()
    {
        const string policy = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Action": "aws-external-anthropic:CreateInference",
             "Action": "aws-external-anthropic:CountTokens", "Resource": "*"}]}
            """;
        var found = Lint.Json(policy, null).Only("PC1002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("first at line 2") || (d.Fix ?? string.Empty).Contains("first at line 2"));
        Assert.Equal(3, found[0].Span.Line);
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_ArrayInsteadOfRepeat()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC1002"));
    }

    [Fact]
    public void Flags_ConditionKeysThatDifferOnlyInCase_UnderOneOperator()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a", {|PC1002:"aws:principaltag/team"|}: "b"}}}]}
            """);
        Assert.Contains("in another case", Assert.Single(found).Message);
    }

    [Fact]
    public void Accepts_TheSameKey_UnderTwoOperators()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a"}, "StringLike": {"aws:principaltag/team": "b*"}}}]}
            """, null, "PC1002");
}

using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1035: what WildcardWithoutLikeOperatorRule must flag and what it must leave alone.</summary>
public sealed class WildcardWithoutLikeOperatorRuleTests
{
    private static string Policy(string condition) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "s3:GetObject",
              "Resource": "*",
              "Condition": {{condition}}
            }
          ]
        }
        """;

    [Theory]
    [InlineData("""{"StringEquals": {"aws:PrincipalTag/team": "ml-*"}}""", "\"StringLike\"", 8, 63)]
    [InlineData("""{"StringNotEquals": {"aws:PrincipalTag/team": "ml-?"}}""", "\"StringNotLike\"", 8, 66)]
    [InlineData("""{"ForAnyValue:StringEqualsIgnoreCase": {"aws:TagKeys": ["a", "b*"]}}""", "\"ForAnyValue:StringLike\" (it is case-sensitive)", 8, 81)]
    public void Flags_AWildcardTheOperatorMatchesLiterally(string condition, string fix, int line, int column)
    {
        var d = Assert.Single(Lint.Json(Policy(condition)).Only("PC1035"));
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("is matched literally", d.Message);
        Assert.Contains(fix, d.Fix);
        Assert.Equal((line, column), (d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("""{"StringLike": {"aws:PrincipalTag/team": "ml-*"}}""")]
    [InlineData("""{"StringEquals": {"aws:PrincipalTag/team": "ml"}}""")]
    [InlineData("""{"StringEquals": {"aws:PrincipalTag/team": "a${*}b"}}""")]
    [InlineData("""{"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::logs-*"}}""")]
    public void Accepts_LikeOperators_PlainValues_AndEscapedStars(string condition)
        => Assert.Empty(Lint.Json(Policy(condition)).Only("PC1035"));
}

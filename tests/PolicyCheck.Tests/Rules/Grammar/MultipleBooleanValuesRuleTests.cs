using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1040: what MultipleBooleanValuesRule must flag and what it must leave alone.</summary>
public sealed class MultipleBooleanValuesRuleTests
{
    [Fact]
    public void Flags_TrueAndFalse_AtTheKey()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {{|PC1040:"aws:SecureTransport"|}: ["true", "false"]}}}]}
            """);
        Assert.Contains("both true and false", Assert.Single(found).Message);
    }

    [Fact]
    public void Flags_TheSameValueTwice()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {{|PC1040:"aws:SecureTransport"|}: ["true", "true"]}}}]}
            """);

    [Theory]
    [InlineData("""{"Bool": {"aws:SecureTransport": "true"}}""")]
    [InlineData("""{"Bool": {"aws:SecureTransport": ["true"]}}""")]
    [InlineData("""{"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}}""")]
    public void Accepts_OneBooleanValue_AndOtherOperators(string condition)
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": """ + condition + "}")).Only("PC1040"));
}

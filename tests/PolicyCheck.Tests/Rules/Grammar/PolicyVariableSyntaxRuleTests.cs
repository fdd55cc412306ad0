using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1045: what PolicyVariableSyntaxRule must flag and what it must leave alone.</summary>
public sealed class PolicyVariableSyntaxRuleTests
{
    [Theory]
    [InlineData("arn:aws:s3:::home/${aws:username/*", "not closed")]
    [InlineData("arn:aws:s3:::home/${}/*", "empty policy variable")]
    [InlineData("arn:aws:s3:::home/${aws:user name}/*", "contains a space")]
    [InlineData("arn:aws:s3:::home/${ aws:username}/*", "contains a space")]
    [InlineData("arn:aws:s3:::home/${aws:username, anonymous}/*", "single quotes")]
    [InlineData("arn:aws:s3:::home/${aws:username, 'anonymous}/*", "single quotes")]
    public void Flags_MalformedVariables_InAResource(string arn, string said)
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {|PC1045:"@arn@"|}}]}
            """.Replace("@arn@", arn, System.StringComparison.Ordinal));
        Assert.Contains(said, Assert.Single(found).Message);
    }

    [Fact]
    public void Flags_AMalformedVariable_InAStringConditionValue()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": {|PC1045:"home/${aws:username"|}}}}]}
            """);

    [Theory]
    [InlineData("2012-10-17", "arn:aws:s3:::home/${aws:username}/*")]
    [InlineData("2012-10-17", "arn:aws:s3:::home/${aws:username, 'anonymous'}/*")]
    [InlineData("2012-10-17", "arn:aws:s3:::home/${aws:username,'anonymous'}/*")]
    [InlineData("2012-10-17", "arn:aws:s3:::a${*}b${?}c${$}")]
    [InlineData("2008-10-17", "arn:aws:s3:::home/${aws:username/*")]
    public void Accepts_WellFormedVariables_AndOlderVersions(string version, string arn)
        => Assert.Empty(Lint.Json("""{"Version": "@version@", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "@arn@"}]}""".Replace("@version@", version, System.StringComparison.Ordinal).Replace("@arn@", arn, System.StringComparison.Ordinal)).Only("PC1045"));
}

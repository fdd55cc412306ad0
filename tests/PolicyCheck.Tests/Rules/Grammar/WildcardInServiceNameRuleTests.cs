using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1046: what WildcardInServiceNameRule must flag and what it must leave alone.</summary>
public sealed class WildcardInServiceNameRuleTests
{
    [Fact]
    public void Flags_WildcardPrefixes_InActions_AndArnServices()
        => Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [{|PC1046:"s*:GetObject"|}, {|PC1046:"*:List*"|}, "s3:Get*"], "Resource": [{|PC1046:"arn:aws:*code*::111122223333:*"|}, "arn:aws:s3:::*"]}]}
            """, null, "PC1021");

    [Theory]
    [InlineData("\"*\"", "\"*\"")]
    [InlineData("\"s3:*\"", "\"arn:aws:*:*:111122223333:*\"")]
    [InlineData("\"s3:Get?bject\"", "\"arn:aws:s3:::reports-?\"")]
    public void Accepts_ABareStar_WildcardsInTheActionName_AndAStarService(string action, string resource)
        => Assert.Empty(Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": " + action + ", \"Resource\": " + resource + "}")).Only("PC1046"));
}

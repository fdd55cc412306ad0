using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1048: what PrincipalUniqueIdRule must flag and what it must leave alone.</summary>
public sealed class PrincipalUniqueIdRuleTests
{
    private static System.Collections.Generic.List<Engine.Diagnostic> Trust(string principal)
        => Lint.Role(Lint.Config(null), ("trust.json", """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": """ + principal + """}, "Action": "sts:AssumeRole"}]}"""));

    [Theory]
    [InlineData("AROA4EXAMPLEROLEID12", "role")]
    [InlineData("AIDA4EXAMPLEUSERID12", "user")]
    public void Flags_UniqueIds(string id, string what)
    {
        var d = Assert.Single(Trust("\"" + id + "\"").Only("PC1048"));
        Assert.Contains($"IAM {what}'s unique ID", d.Message);
        Assert.Contains($":{what}/NAME", d.Fix);
    }

    [Theory]
    [InlineData("\"arn:aws:iam::111122223333:role/app\"")]
    [InlineData("\"111122223333\"")]
    [InlineData("\"AROA\"")]
    public void Accepts_Arns_AccountIds_AndShortText(string principal)
        => Assert.Empty(Trust(principal).Only("PC1048"));
}

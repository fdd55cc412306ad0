using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1033: what VariableUnsupportedRule must flag and what it must leave alone.</summary>
public sealed class VariableUnsupportedRuleTests
{
    [Fact]
    public void Flags_VariablesInActionsAndKeys()
        => Assert.Equal(2, Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:${aws:username}","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/${aws:username}":"x"}}}""")).Only("PC1033").Count);

    [Fact]
    public void Accepts_VariablesInResourcesAndValues()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"s3:prefix":"${aws:username}/"}}}""")).Only("PC1033"));
}

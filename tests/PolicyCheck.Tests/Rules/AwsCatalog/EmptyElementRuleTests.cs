using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1032: what EmptyElementRule must flag and what it must leave alone.</summary>
public sealed class EmptyElementRuleTests
{
    [Fact]
    public void Flags_EmptyConditionAndPrincipal()
    {
        Assert.Single(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{}}""")).Only("PC1032"));
        Assert.Single(Lint.Json("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}]}""").Only("PC1032"));
    }

    [Fact]
    public void Accepts_FilledElements()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""")).Only("PC1032"));
}

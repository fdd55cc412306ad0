using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1020: what VariableNeedsVersionRule must flag and what it must leave alone.</summary>
public sealed class VariableVersionRuleTests
{
    private static string Policy(string version) => "{" + version + """
        "Statement":[{"Effect":"Allow","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}
        """;

    [Fact]
    public void Flags_OldVersion()
    {
        var d = Assert.Single(Lint.Json(Policy("\"Version\":\"2008-10-17\",")).Only("PC1020"));
        Assert.Contains("2008-10-17", d.Message);
        Assert.Equal(2, d.Span.Line);
    }

    [Fact]
    public void Flags_NoVersion()
        => Assert.Single(Lint.Json(Policy(string.Empty)).Only("PC1020"));

    [Fact]
    public void Accepts_2012()
        => Assert.Empty(Lint.Json(Policy("\"Version\":\"2012-10-17\",")).Only("PC1020"));
}

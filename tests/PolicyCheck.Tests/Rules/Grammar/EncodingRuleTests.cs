using System.Linq;
using System.Text;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using PolicyCheck.Rules;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1017: encodings IAM cannot read, and ones it may not.</summary>
public sealed class EncodingRuleTests
{
    private static System.Collections.Generic.List<Diagnostic> LintBytes(byte[] bytes)
    {
        var role = new RoleGroup("r");
        role.Documents.Add(PolicyReader.Read("p.json", bytes));
        return LintEngine.CreateDefault(null).Lint(new[] { role }, new PolicyCheck.Config.GatewayConfig());
    }

    private static readonly string Good = Lint.Permission("""{"Effect": "Allow", "Action": """ + Lint.InferenceActions + """, "Resource": "*"}""");

    [Fact]
    public void Flags_InvalidUtf8_WithPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            {
              "Version": "2012-10-17",
              "Sid": "x
            """).Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var found = LintBytes(bytes).Only("PC1017");
        var d = Assert.Single(found);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(3, d.Span.Line);
        Assert.Contains("UTF-8", d.Message);
    }

    [Fact]
    public void Flags_NulBytes()
    {
        var found = LintBytes(Encoding.UTF8.GetBytes("{\"Version\": \"2012\0\"}")).Only("PC1017");
        Assert.Contains("NUL", Assert.Single(found).Message);
    }

    [Fact]
    public void Warns_Bom_ButStillLints()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Good)).ToArray();
        var all = LintBytes(bytes);
        Assert.Equal(Severity.Warning, Assert.Single(all.Only("PC1017")).Severity);
        Assert.Empty(all.Only("PC1001"));
    }

    [Fact]
    public void Reads_Utf16_WithWarning()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Good)).ToArray();
        var all = LintBytes(bytes);
        Assert.Contains("UTF-16", Assert.Single(all.Only("PC1017")).Message);
        Assert.DoesNotContain(all, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Accepts_PlainUtf8()
    {
        Assert.Empty(LintBytes(Encoding.UTF8.GetBytes(Good)).Only("PC1017"));
    }
}

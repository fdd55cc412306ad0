using Xunit;

namespace PolicyCheck.Tests.Config;

/// <summary>policycheck.yml helpUri: the rules' help links in reports point at the organisation's copy of docs/rules/.</summary>
public sealed class HelpUriTests
{
    private static TempDir Role(string yml)
    {
        var dir = new TempDir();
        dir.Write("policycheck.yml", yml);
        dir.Write("iam/p/permission.json", Lint.Permission("""{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}"""));
        return dir;
    }

    [Fact]
    public void TheConfiguredBase_IsEveryHelpLink_InJsonAndSarif()
    {
        using var dir = Role("helpUri: https://git.example.com/platform/policycheck/docs/rules/\n");
        var (exit, json, _) = CliRunner.Run(new[] { "lint", "iam", "--format", "json" }, cwd: dir.Path);
        Assert.Equal(1, exit);
        Assert.Contains("\"helpUri\": \"https://git.example.com/platform/policycheck/docs/rules/PC2001.md\"", json);
        Assert.DoesNotContain("github.com/policycheck", json);
        var (_, sarif, _) = CliRunner.Run(new[] { "lint", "iam", "--format", "sarif" }, cwd: dir.Path);
        Assert.Contains("\"helpUri\": \"https://git.example.com/platform/policycheck/docs/rules/PC2001.md\"", sarif);
        // Nearest variant: without the key, the catalogue's links.
        using var plain = Role("rules:\n  PC2008: warning\n");
        var (_, def, _) = CliRunner.Run(new[] { "lint", "iam", "--format", "json" }, cwd: plain.Path);
        Assert.Contains("\"helpUri\": \"" + PolicyCheck.Facts.BuiltIn.Catalog.HelpUri("PC2001") + "\"", def);
    }

    [Theory]
    [InlineData("helpUri: git.example.com/docs/rules/\n")]
    [InlineData("helpUri: https://git.example.com/docs/rules\n")]
    [InlineData("helpUri: ftp://git.example.com/docs/rules/\n")]
    public void ABadBase_IsPC4001_AtItsLine(string yml)
    {
        using var dir = Role(yml);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", "iam" }, cwd: dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("policycheck.yml(1,", output + err);
        Assert.Contains("helpUri must be an http(s) address ending in /", output + err);
    }
}

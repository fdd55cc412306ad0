using System.IO;
using System.Linq;
using NJsonSchema;
using Xunit;

namespace PolicyCheck.Tests.Cli;

public sealed class SarifTests
{
    private static JsonSchema Schema()
    {
        string path = Path.Combine(Lint.Repo, "..", "shared", "schemas", "sarif-schema-2.1.0.json");
        return JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult();
    }

    [Fact]
    public void Sarif_Of_The_Examples_Validates_Against_The_Schema()
    {
        var (exit, output, _) = CliRunner.Run(new[] { "lint", Path.Combine(Lint.Repo, "examples"), "--format", "sarif" });
        Assert.Equal(1, exit);
        var errors = Schema().Validate(output);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.Contains("\"ruleId\": \"PC2001\"", output);
        Assert.Contains("\"helpUri\": \"https://", output);
    }

    [Fact]
    public void Sarif_With_Suppressions_And_Config_Errors_Validates()
    {
        using var dir = new TempDir();
        dir.Write("policycheck.yml", "rules:\n  PC2008: error\nsuppressions:\n  - rule: PC2009\n    path: \"legacy/**\"\n    justification: \"owned by the data team\"\n");
        dir.Write("legacy/dir with space/p.json", Lint.Permission("""{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens", "aws-external-anthropic:DeleteFile"], "Resource": "*"}"""));
        var (exit, output, _) = CliRunner.Run(new[] { "lint", "legacy", "--format", "sarif" }, cwd: dir.Path);
        Assert.Equal(0, exit);
        Assert.Empty(Schema().Validate(output));
        Assert.Contains("\"justification\": \"owned by the data team\"", output);
        Assert.Contains("dir%20with%20space", output);

        dir.Write("policycheck.yml", "gateway:\n  feature: [inference]\n");
        var bad = CliRunner.Run(new[] { "lint", "legacy", "--format", "sarif" }, cwd: dir.Path);
        Assert.Equal(2, bad.Exit);
        Assert.Empty(Schema().Validate(bad.Out));
    }

    [Fact]
    public void Sarif_With_A_Positioned_Template_Error_Validates()
    {
        string bad = Path.Combine(Lint.Repo, "tests", "PolicyCheck.Tests", "BadInput", "corpus", "cfn-unknown-tag.yaml");
        var (exit, output, _) = CliRunner.Run(new[] { "lint", bad, Path.Combine(Lint.Repo, "examples", "cloudformation", "portkey-role.yaml"), "--format", "sarif" });
        Assert.Equal(2, exit);
        var errors = Schema().Validate(output);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.Contains("unknown tag !Foo", output);
        Assert.Contains("\"startLine\": 6", output);
    }
}

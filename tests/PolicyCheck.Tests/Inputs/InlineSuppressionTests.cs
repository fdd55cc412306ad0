using System.IO;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

/// <summary>Suppressions written where the policies live: template Metadata (cfn-lint's convention) and Terraform tags.</summary>
public sealed class InlineSuppressionTests
{
    private static string Template => File.ReadAllText(Path.Combine(Lint.Repo, "examples", "cloudformation", "portkey-role.yaml"));
    private static string Plan => File.ReadAllText(Path.Combine(Lint.Repo, "examples", "terraform", "plan.json"));

    private static string WithMetadata(string metadata)
        => Template.Replace("  PortkeyClaudeRole:\n    Type: AWS::IAM::Role\n", "  PortkeyClaudeRole:\n    Type: AWS::IAM::Role\n" + metadata);

    [Fact]
    public void TemplateMetadata_SuppressesTheRule_OnThatResource_WithTheJustification()
    {
        using var dir = new TempDir();
        string path = dir.Write("portkey-role.yaml", WithMetadata("    Metadata:\n      policycheck:\n        suppress:\n          - rule: PC2001\n            justification: the Bedrock grant goes with the migration in Q1\n"));
        var (exit, json, err) = CliRunner.Run(new[] { "lint", path, "--format", "json" });
        Assert.True(exit == 1, json + err); // PC3006 (any external ID) is not suppressed
        Assert.Contains("\"justification\": \"the Bedrock grant goes with the migration in Q1\"", json);
        Assert.Matches("\"ruleId\": \"PC2001\"[^}]*\"suppressed\": true", json);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"suppressed\": true")); // PC3006 stays
        // Nearest variant: the same Metadata on the other role suppresses nothing on this one.
        string other = Template.Replace("  TaskRole:\n    Type: AWS::IAM::Role\n", "  TaskRole:\n    Type: AWS::IAM::Role\n    Metadata:\n      policycheck:\n        suppress:\n          - rule: PC2001\n            justification: not this role\n");
        string otherPath = dir.Write("other.yaml", other);
        var (_, open, _) = CliRunner.Run(new[] { "lint", otherPath, "--format", "json" });
        Assert.Contains("\"ruleId\": \"PC2001\"", open);
        Assert.DoesNotContain("\"suppressed\": true", open);
    }

    [Theory]
    [InlineData("          - rule: PC2001\n", "needs a justification")]
    [InlineData("          - rule: PC9999\n            justification: x\n", "PC9999 is no PolicyCheck rule")]
    public void ASuppressionWithoutJustification_OrOfNoRule_IsExit2_AtItsLine(string entry, string expected)
    {
        using var dir = new TempDir();
        string text = WithMetadata("    Metadata:\n      policycheck:\n        suppress:\n" + entry);
        string path = dir.Write("portkey-role.yaml", text);
        var (exit, output, err) = CliRunner.Run(new[] { "lint", path });
        Assert.Equal(2, exit);
        Assert.Contains(expected, output + err);
        int line = text[..text.IndexOf("rule: PC", System.StringComparison.Ordinal)].Split('\n').Length;
        Assert.Contains($"portkey-role.yaml({line},", output + err);
    }

    [Fact]
    public void TerraformTags_SuppressTheRule_OnThatResource()
    {
        using var dir = new TempDir();
        string plan = Plan.Replace("\"name\": \"portkey-claude-platform\",", "\"name\": \"portkey-claude-platform\",\n            \"tags\": {\"policycheck:suppress\": \"PC2001 the Bedrock grant goes with the migration\"},");
        Assert.NotEqual(Plan, plan);
        string path = dir.Write("plan.json", plan);
        var (exit, json, err) = CliRunner.Run(new[] { "lint", path, "--format", "json" });
        Assert.True(exit == 1, json + err);
        Assert.Contains("\"justification\": \"the Bedrock grant goes with the migration\"", json);
        Assert.Matches("\"ruleId\": \"PC2001\"[^}]*\"suppressed\": true", json);
        // A tag naming no rule, or without a reason: exit 2.
        foreach (var bad in new[] { "\"policycheck:suppress\": \"PC2001\"", "\"policycheck:suppress:PC0000\": \"why\"" })
        {
            string wrong = dir.Write("wrong.json", Plan.Replace("\"name\": \"portkey-claude-platform\",", "\"name\": \"portkey-claude-platform\",\n            \"tags\": {" + bad + "},"));
            var (code, output, stderr) = CliRunner.Run(new[] { "lint", wrong });
            Assert.True(code == 2, output + stderr);
            Assert.Contains("wrong.json(", output + stderr);
        }
    }
}

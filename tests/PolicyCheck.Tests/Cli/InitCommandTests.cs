using System.IO;
using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Cli;

public sealed class InitCommandTests
{
    private static string[] Args(string dir, params string[] extra) => new[]
    {
        "init", "--region", "us-west-2", "--account", "111122223333", "--workspace", "wrkspc_01AbCdEf23GhIj", "--out", dir,
    }.Concat(extra).ToArray();

    [Theory]
    [InlineData("inference,count_tokens")]
    [InlineData("inference,count_tokens,batches,files,models")]
    [InlineData("batches")]
    public void WrittenPolicies_LintClean(string features)
    {
        using var dir = new TempDir();
        var (exit, output, _) = CliRunner.Run(Args(dir.Path, "--features", features));
        Assert.Equal(0, exit);
        foreach (var f in new[] { "permission-policy.json", "trust-policy.json", "portkey-role.cloudformation.yaml", "portkey-role.tf", "policycheck.yml" })
            Assert.True(File.Exists(Path.Combine(dir.Path, f)), f);
        var lint = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.True(lint.Exit == 0, lint.Out + lint.Err);
        // The JSON policies and the CloudFormation template's trust and permission policy: all clean.
        Assert.Contains("0 error(s), 0 warning(s), 0 note(s) in 4 policies", lint.Err);
        var template = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "portkey-role.cloudformation.yaml"), "--config", Path.Combine(dir.Path, "policycheck.yml") });
        Assert.True(template.Exit == 0, template.Out + template.Err);
        Assert.Contains("in 2 policies", template.Err);
        // The new external ID is in the trust policy, and nowhere in the output.
        using var trust = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "trust-policy.json")));
        string id = trust.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString()!;
        Assert.Matches("^portkey-[0-9a-f]{32}$", id);
        Assert.DoesNotContain(id, output);
        Assert.Contains(id, File.ReadAllText(Path.Combine(dir.Path, "portkey-role.cloudformation.yaml")));
        Assert.Contains(id, File.ReadAllText(Path.Combine(dir.Path, "portkey-role.tf")));
    }

    [Fact]
    public void SelfHosted_TrustsTheGivenPrincipal_AndLintsClean()
    {
        using var dir = new TempDir();
        var (exit, _, err) = CliRunner.Run(Args(dir.Path, "--deployment", "self-hosted", "--principal", "arn:aws:iam::444455556666:role/gateway", "--features", "inference,count_tokens", "--external-id", "my-ext-id-123"));
        Assert.True(exit == 0, err);
        Assert.Contains("arn:aws:iam::444455556666:role/gateway", File.ReadAllText(Path.Combine(dir.Path, "trust-policy.json")));
        var lint = CliRunner.Run(new[] { "lint", dir.Path });
        Assert.True(lint.Exit == 0, lint.Out + lint.Err);
    }

    [Fact]
    public void NeverOverwrites_WithoutForce()
    {
        using var dir = new TempDir();
        dir.Write("trust-policy.json", "mine");
        var (exit, _, err) = CliRunner.Run(Args(dir.Path, "--features", "inference"));
        Assert.Equal(2, exit);
        Assert.Contains("--force", err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "trust-policy.json")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "permission-policy.json")));
        Assert.Equal(0, CliRunner.Run(Args(dir.Path, "--features", "inference", "--force")).Exit);
        Assert.NotEqual("mine", File.ReadAllText(Path.Combine(dir.Path, "trust-policy.json")));
    }

    [Fact]
    public void MissingOrBadValues_OutsideATerminal_AreAClearError()
    {
        using var dir = new TempDir();
        var (exit, _, err) = CliRunner.Run(new[] { "init", "--out", dir.Path });
        Assert.Equal(2, exit);
        Assert.Contains("--region is required", err);
        Assert.Contains("--account is required", err);
        Assert.Contains("--workspace is required", err);
        Assert.Contains("not run in a terminal", err);
        Assert.Empty(Directory.GetFiles(dir.Path));

        var bad = CliRunner.Run(new[] { "init", "--out", dir.Path, "--region", "mars-1", "--account", "12", "--workspace", "ws1", "--features", "inference,chat" });
        Assert.Equal(2, bad.Exit);
        foreach (var s in new[] { "'mars-1'", "'12'", "'ws1'", "'chat'" }) Assert.Contains(s, bad.Err);
    }

    [Fact]
    public void AsksForWhatIsMissing_InATerminal()
    {
        using var dir = new TempDir();
        var (exit, _, err) = CliRunner.Run(new[] { "init", "--out", dir.Path }, name => name == "POLICYCHECK_INTERACTIVE" ? "1" : null,
            stdin: "inference,count_tokens\neu-west-1\n111122223333\nwrkspc_01abc\n");
        Assert.True(exit == 0, err);
        Assert.Contains("Region of the workspace", err);
        Assert.Contains("arn:aws:aws-external-anthropic:eu-west-1:111122223333:workspace/wrkspc_01abc", File.ReadAllText(Path.Combine(dir.Path, "permission-policy.json")));
    }
}

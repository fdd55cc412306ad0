using System.IO;
using Xunit;

namespace PolicyCheck.Tests.Config;

/// <summary>The Portkey integration settings file: validated with positions, cross-checked with the policies.</summary>
public sealed class SettingsTests
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-id-in-policy-42"}}}]}""";
    private const string Permission = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["aws-external-anthropic:CreateInference","aws-external-anthropic:CountTokens"],"Resource":"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/*"}]}""";

    private static (int Exit, string Text) Lint(string settings, string? config = null, System.Func<string, string?>? env = null)
    {
        using var dir = new TempDir();
        dir.Write("trust.json", Trust);
        dir.Write("permission.json", Permission);
        dir.Write("portkey.yaml", settings);
        if (config != null) dir.Write("policycheck.yml", config);
        var args = config != null ? new[] { "lint", dir.Path } : new[] { "lint", dir.Path, "--settings", Path.Combine(dir.Path, "portkey.yaml") };
        var (exit, output, err) = CliRunner.Run(args, env);
        return (exit, output + err);
    }

    [Fact]
    public void MatchingSettings_LintClean()
    {
        var (exit, text) = Lint("authType: assumedRole\nroleArn: arn:aws:iam::123456789012:role/portkey\nexternalId: ext-id-in-policy-42\nregion: us-west-2\nworkspaceId: wrkspc_01abc\n");
        Assert.True(exit == 0, text);
    }

    [Fact]
    public void CrossChecks_ExternalId_Account_Region()
    {
        var (exit, text) = Lint("""{"authType": "assumedRole", "roleArn": "arn:aws:iam::999988887777:role/portkey", "externalId": "another-id-77", "region": "eu-west-1"}""");
        Assert.Equal(1, exit);
        Assert.Contains("PC3008", text);
        Assert.Contains("PC2005", text);
        Assert.DoesNotContain("another-id-77", text);
    }

    [Fact]
    public void ExternalIdFromTheEnvironment()
    {
        var (exit, text) = Lint("authType: assumedRole\nroleArn: arn:aws:iam::123456789012:role/portkey\nexternalIdEnv: PORTKEY_EXT\nregion: us-west-2\n", env: n => n == "PORTKEY_EXT" ? "ext-id-in-policy-42" : null);
        Assert.True(exit == 0, text);
        var (missing, text2) = Lint("authType: assumedRole\nroleArn: arn:aws:iam::123456789012:role/portkey\nexternalIdEnv: PORTKEY_EXT\nregion: us-west-2\n");
        Assert.Equal(2, missing);
        Assert.Contains("PORTKEY_EXT", text2);
    }

    [Theory]
    [InlineData("authType: apiKey\nroleArn: arn:aws:iam::123456789012:role/p\nregion: us-west-2\n", "portkey.yaml(1,11)", "AWS Assumed Role")]
    [InlineData("roleArn: arn:aws:iam::123456789012:user/p\nregion: us-west-2\n", "portkey.yaml(1,10)", "not an IAM role ARN")]
    [InlineData("roleArn: arn:aws:iam::123456789012:role/p\nregion: mars-east-1\n", "portkey.yaml(2,9)", "not an AWS commercial region")]
    [InlineData("roleArn: arn:aws:iam::123456789012:role/p\nregion: us-west-2\nworkspaceId: ws-01\n", "portkey.yaml(3,14)", "not a workspace ID")]
    [InlineData("roleArn: arn:aws:iam::123456789012:role/p\nregoin: us-west-2\n", "portkey.yaml(2,1)", "did you mean 'region'")]
    [InlineData("region: us-west-2\n", "portkey.yaml(1,1)", "need roleArn")]
    public void BadSettings_AreConfigErrorsWithPositions(string settings, string where, string why)
    {
        var (exit, text) = Lint(settings);
        Assert.Equal(2, exit);
        Assert.Contains(where, text);
        Assert.Contains(why, text);
    }

    [Fact]
    public void PolicycheckYml_CanPointAtTheSettings_AndMustAgree()
    {
        var (exit, text) = Lint("roleArn: arn:aws:iam::123456789012:role/portkey\nregion: us-west-2\nexternalId: ext-id-in-policy-42\n", "gateway:\n  settings: portkey.yaml\n  features: [inference, count_tokens]\n");
        Assert.True(exit == 0, text);
        var (conflict, text2) = Lint("roleArn: arn:aws:iam::123456789012:role/portkey\nregion: us-west-2\n", "gateway:\n  settings: portkey.yaml\n  region: eu-west-1\n");
        Assert.Equal(2, conflict);
        Assert.Contains("differs from policycheck.yml", text2);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    public void ExternalIdsThatDiffer_AreReported_WithoutEitherValue(string format)
    {
        using var dir = new TempDir();
        dir.Write("trust.json", Trust);
        dir.Write("portkey.yaml", "roleArn: arn:aws:iam::123456789012:role/portkey\nregion: us-west-2\nexternalId: settings-ext+id-1111\n");
        dir.Write("policycheck.yml", "gateway:\n  externalId:\n    value: yml-ext+id-2222\n  settings: portkey.yaml\n");
        var (exit, output, err) = CliRunner.Run(new[] { "lint", dir.Path, "--format", format });
        Assert.Equal(2, exit);
        Assert.Contains("externalId differs", output + err);
        // The temporary folder's random name may hold "1111" or "2222" itself: it is taken out before looking.
        string said = (output + err).Replace(dir.Path, "<dir>").Replace(dir.Path.Replace("\\", "\\\\"), "<dir>").Replace(dir.Path.Replace("/", "\\/"), "<dir>");
        foreach (var secret in new[] { "settings-ext", "yml-ext", "1111", "2222" }) Assert.DoesNotContain(secret, said);
        // The nearest safe variant: the same ID in both places lints.
        dir.Write("policycheck.yml", "gateway:\n  externalId:\n    value: settings-ext+id-1111\n  settings: portkey.yaml\n");
        Assert.NotEqual(2, CliRunner.Run(new[] { "lint", dir.Path, "--format", format }).Exit);
    }
}

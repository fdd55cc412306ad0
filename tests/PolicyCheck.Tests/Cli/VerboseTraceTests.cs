using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Cli;

public sealed class VerboseTraceTests
{
    private const string Trust = """
        {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "pk-secret-7f3a", "aws:PrincipalAccount": "111122223333"}}}]}
        """;

    [Fact]
    public void Text_And_Json_CarryTheTrace_OnlyWithVerbose_WithoutTheExternalId()
    {
        using var dir = new TempDir();
        var file = dir.Write("trust.json", Trust);
        dir.Write("policycheck.yml", "gateway:\n  externalId:\n    value: pk-secret-7f3a\n");
        var quiet = CliRunner.Run(new[] { "lint", file });
        Assert.Equal(1, quiet.Exit);
        Assert.Contains("PC3011", quiet.Out);
        Assert.DoesNotContain("trace:", quiet.Out);

        var text = CliRunner.Run(new[] { "lint", file, "--verbose" });
        Assert.Contains("    trace: decision: implicitDeny", text.Out);
        Assert.Contains("condition did not hold", text.Out);
        Assert.DoesNotContain("pk-secret-7f3a", text.Out + text.Err);

        var json = CliRunner.Run(new[] { "lint", file, "-v", "--format", "json" });
        var d = JsonDocument.Parse(json.Out).RootElement.GetProperty("diagnostics").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "PC3011");
        Assert.True(d.GetProperty("trace").GetArrayLength() >= 3);
        Assert.DoesNotContain("pk-secret-7f3a", json.Out);

        var sarif = CliRunner.Run(new[] { "lint", file, "-v", "--format", "sarif" });
        Assert.Contains("\"trace\"", sarif.Out);
        Assert.DoesNotContain("pk-secret-7f3a", sarif.Out);
    }
}

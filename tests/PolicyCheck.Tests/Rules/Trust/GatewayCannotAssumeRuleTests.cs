using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3011: what GatewayCannotAssumeRule must flag and what it must leave alone.</summary>
public sealed class GatewayCannotAssumeRuleTests
{
    private const string Portkey = "arn:aws:iam::299329113195:role/portkey-app";
    private const string Config = "gateway:\n  externalId:\n    value: pk-7f3a9c2e-live\n";

    private static string Trust(string conditions, string extra = "") => """
        {
        "Version": "2012-10-17",
        "Statement": [
        {"Sid": "Portkey", "Effect": "Allow", "Principal": {"AWS": "
        """ + Portkey + """
        "}, "Action": "sts:AssumeRole",
        "Condition": 
        """ + conditions + "}" + extra + "\n]}";

    [Fact]
    public void Flags_ConditionTheGatewayCannotMeet()
    {
        var all = Lint.Json(Trust("""{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live", "aws:PrincipalAccount": "111122223333"}}"""), Config);
        var d = Assert.Single(all.Only("PC3011"));
        Assert.Contains("aws:PrincipalAccount", d.Message);
        Assert.Equal(4, d.Span.Line);
        Assert.NotNull(d.Trace);
        Assert.Contains(d.Trace!, l => l.StartsWith("decision: implicitDeny"));
        Assert.DoesNotContain(d.Trace!, l => l.Contains("pk-7f3a9c2e-live"));
        Assert.DoesNotContain("pk-7f3a9c2e-live", d.Message);
    }

    [Fact]
    public void Flags_DenyThatCatchesTheGateway()
    {
        var deny = """
            ,
            {"Sid": "NoHttp", "Effect": "Deny", "Principal": "*", "Action": "sts:*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}
            """;
        var d = Assert.Single(Lint.Json(Trust("""{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}""", deny), Config).Only("PC3011"));
        Assert.Contains("NoHttp", d.Message);
        Assert.Equal(6, d.Span.Line);
    }

    [Fact]
    public void Accepts_SeedTrust()
        => Assert.Empty(Lint.Json(Trust("""{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}"""), Config).Only("PC3011"));

    [Fact]
    public void Accepts_HarmlessExtraCondition()
        => Assert.Empty(Lint.Json(Trust("""{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}, "Bool": {"aws:SecureTransport": "true"}}"""), Config).Only("PC3011"));

    [Fact]
    public void Quiet_WhenAStringRuleExplainedIt()
    {
        // The MFA condition is PC3009's finding; the proof does not repeat it.
        var all = Lint.Json(Trust("""{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}"""), Config);
        Assert.NotEmpty(all.Only("PC3009"));
        Assert.Empty(all.Only("PC3011"));
    }
}

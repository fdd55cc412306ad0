using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3012: what TrustAdmitsOtherCallerRule must flag and what it must leave alone.</summary>
public sealed class TrustAdmitsOtherCallerRuleTests
{
    private const string Portkey = "arn:aws:iam::299329113195:role/portkey-app";
    private const string Config = "gateway:\n  externalId:\n    value: pk-7f3a9c2e-live\n";
    // With the operator rule off, the proof alone must catch weak external ID checks.
    private const string ProofOnly = Config + "rules:\n  PC3006: off\n";

    private static string Trust(string principal, string conditions, string extra = "") => """
        {
        "Version": "2012-10-17",
        "Statement": [
        {"Sid": "Portkey", "Effect": "Allow", "Principal": 
        """ + principal + """
        , "Action": "sts:AssumeRole",
        "Condition": 
        """ + conditions + "}" + extra + "\n]}";

    [Fact]
    public void Flags_ForAllValuesExternalId_LetsInWithoutOne()
    {
        // ForAllValues holds when the key is missing: a caller without an external ID gets in.
        var found = Lint.Json(Trust("{\"AWS\": \"" + Portkey + "\"}", """{"ForAllValues:StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}"""), ProofOnly).Only("PC3012");
        Assert.Contains(found, d => d.Message.Contains("without an external ID"));
        Assert.DoesNotContain(found, d => d.Message.Contains("wrong external ID"));
        Assert.All(found, d => Assert.DoesNotContain("pk-7f3a9c2e-live", d.Message + string.Join("\n", d.Trace ?? System.Array.Empty<string>())));
    }

    [Fact]
    public void Flags_NotEqualsExternalId_LetsInWrongOne()
    {
        var found = Lint.Json(Trust("{\"AWS\": \"" + Portkey + "\"}", """{"StringNotEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}"""), ProofOnly).Only("PC3012");
        Assert.Contains(found, d => d.Message.Contains("wrong external ID"));
    }

    [Fact]
    public void Flags_SecondStatementForAnotherAccount_EachCaseOnce()
    {
        var extra = """
            ,
            {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/SomeRole"}, "Action": "sts:AssumeRole"}
            """;
        var all = Lint.Json(Trust("{\"AWS\": \"" + Portkey + "\"}", """{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}""", extra), "gateway:\n  externalId:\n    value: pk-7f3a9c2e-live\nrules:\n  PC3010: off\n  PC3005: off\n");
        var d = Assert.Single(all.Only("PC3012"));
        Assert.Contains("another account", d.Message);
        Assert.Contains("Partner", d.Message);
        Assert.Equal(6, d.Span.Line);
    }

    [Fact]
    public void Accepts_SeedTrust()
        => Assert.Empty(Lint.Json(Trust("{\"AWS\": \"" + Portkey + "\"}", """{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}"""), Config).Only("PC3012"));

    [Fact]
    public void Quiet_WhenTheOperatorRuleExplainedIt()
        => Assert.Empty(Lint.Json(Trust("{\"AWS\": \"" + Portkey + "\"}", """{"StringNotEquals": {"sts:ExternalId": "nope"}}"""), Config).Only("PC3012"));

    [Fact]
    public void Quiet_WhenPrincipalTooBroadAlreadyReported()
    {
        var all = Lint.Json(Trust("""{"AWS": "*"}""", """{"StringEquals": {"sts:ExternalId": "pk-7f3a9c2e-live"}}"""), Config);
        Assert.NotEmpty(all.Only("PC3002"));
        Assert.Empty(all.Only("PC3012"));
    }
}

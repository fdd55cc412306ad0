using System.Linq;
using System.Threading.Tasks;
using PolicyCheck.CodeFixes;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.RegionMismatchAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class RegionMismatchAnalyzerTests
{
    private const string Types = @"
public class ClientConfig { public string ServiceURL { get; set; } = """"; public string AuthenticationRegion { get; set; } = """"; }
";

    [Fact]
    public Task Flags_SigningRegionThatDiffersFromTheEndpoint() => V.Analyzer(Types + @"
class C
{
    ClientConfig Make() => new ClientConfig { ServiceURL = ""https://aws-external-anthropic.us-west-2.api.aws"", AuthenticationRegion = {|PC5005:""us-east-1""|} };
}");

    [Fact]
    public Task Silent_WhenTheRegionsAgree_OrAreInOtherMembers() => V.Analyzer(Types + @"
class C
{
    ClientConfig Make() => new ClientConfig { ServiceURL = ""https://aws-external-anthropic.us-west-2.api.aws"", AuthenticationRegion = ""us-west-2"" };
    ClientConfig Other() => new ClientConfig { AuthenticationRegion = ""eu-west-1"" };
}");

    [Fact]
    public Task Flags_RegionOtherThanExpected_FromEditorconfig() => V.Analyzer(@"
class C { string A = ""https://aws-external-anthropic.{|PC5005:us-west-2|}.api.aws""; string B = ""https://aws-external-anthropic.eu-west-1.api.aws""; }",
        "policycheck.expected_region = eu-west-1\n");

    [Fact]
    public Task Flags_RegionOtherThanExpected_FromPolicycheckYml() => V.Analyzer(@"
class C { string A = ""arn:aws:aws-external-anthropic:{|PC5005:us-west-2|}:111122223333:workspace/wrkspc_01""; }",
        policycheckYml: "gateway:\n  region: eu-west-1   # where the workspace lives\n  features: [inference]\n");

    /// <summary>The analyzers read policycheck.yml with the CLI's reader: flow style and quoting count as in `lint`.</summary>
    [Theory]
    [InlineData("gateway: {region: eu-west-1, features: [inference]}\n")]
    [InlineData("gateway:\n  region: \"eu-west-1\"\n")]
    [InlineData("# the workspace region\ngateway:\n    features:\n      - inference\n    region: 'eu-west-1'\n")]
    [InlineData("gateway:\n  region: eu-west-1\n  regoin: typo-is-a-PC4001-in-lint\n")]
    public Task Flags_RegionOtherThanExpected_WhateverTheYamlStyle(string yml) => V.Analyzer(@"
class C { string A = ""arn:aws:aws-external-anthropic:{|PC5005:us-west-2|}:111122223333:workspace/wrkspc_01""; }",
        policycheckYml: yml);

    /// <summary>A hostile policycheck.yml (10⁶ levels deep, an alias bomb) never crashes the analyzer (an AD0001 fails the test): it is left aside, as `lint` reports it (PC4001).</summary>
    [Theory]
    [InlineData(1_000_000, false)]
    [InlineData(100_000, true)]
    public Task HostileConfig_IsNoCrash_TheAnalyzerStillRuns(int depth, bool bomb)
    {
        string yml = bomb
            ? "gateway:\n  region: eu-west-1\n" + string.Concat(System.Linq.Enumerable.Range(1, 12).Select(i => $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n")).Replace("*a0", "x")
            : "gateway:\n  region: " + new string('[', depth) + "\n";
        return V.Analyzer(@"
class C { string B = ""arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_01""; }",
            policycheckYml: yml);
    }

    [Theory]
    [InlineData("gateway: {region: us-west-2}\n")]
    [InlineData("gateway:\n  region: \"us-west-2\"\n")]
    public Task Quiet_WhenTheConfigRegionMatches(string yml) => V.Analyzer(@"
class C { string A = ""arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_01""; }",
        policycheckYml: yml);

    [Fact]
    public Task Fix_SignsForTheEndpointRegion() => V.Fix<ReplaceLiteralCodeFix>(Types + @"
class C
{
    ClientConfig Make() => new ClientConfig { ServiceURL = ""https://aws-external-anthropic.us-west-2.api.aws"", AuthenticationRegion = {|PC5005:""us-east-1""|} };
}", Types + @"
class C
{
    ClientConfig Make() => new ClientConfig { ServiceURL = ""https://aws-external-anthropic.us-west-2.api.aws"", AuthenticationRegion = ""us-west-2"" };
}");
}

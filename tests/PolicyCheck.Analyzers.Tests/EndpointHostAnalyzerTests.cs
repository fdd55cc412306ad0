using System.Threading.Tasks;
using PolicyCheck.CodeFixes;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.EndpointHostAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class EndpointHostAnalyzerTests
{
    [Fact]
    public Task Flags_AmazonawsHost_AtTheHost() => V.Analyzer(@"
class C { string Endpoint = ""https://{|#0:aws-external-anthropic.us-east-1.amazonaws.com|}/v1/messages""; }",
        expected: V.Diagnostic("PC5002").WithLocation(0).WithArguments("aws-external-anthropic.us-east-1.amazonaws.com does not exist; the Claude Platform on AWS endpoint is aws-external-anthropic.us-east-1.api.aws"));

    [Fact]
    public Task Flags_BedrockHost_NextToTheWorkspaceHeader() => V.Analyzer(@"
class C
{
    string Endpoint = ""https://{|PC5002:bedrock-runtime.eu-west-1.amazonaws.com|}"";
    string Header = ""anthropic-workspace-id"";
}");

    [Fact]
    public Task Silent_BedrockHostAlone_AndTheRightHost() => V.Analyzer(@"
class Bedrock { string Endpoint = ""https://bedrock-runtime.eu-west-1.amazonaws.com""; }
class Claude { string Endpoint = ""https://aws-external-anthropic.eu-west-1.api.aws/v1/messages""; string Log = ""calling api.aws""; }");

    [Fact]
    public Task Fix_RewritesTheHost() => V.Fix<ReplaceLiteralCodeFix>(@"
class C
{
    string A = ""https://{|PC5002:aws-external-anthropic.us-west-2.amazonaws.com|}/v1/messages"";
    string B = ""https://{|PC5002:bedrock-runtime.us-west-2.amazonaws.com|}"";
    string H = ""anthropic-workspace-id"";
}", @"
class C
{
    string A = ""https://aws-external-anthropic.us-west-2.api.aws/v1/messages"";
    string B = ""https://aws-external-anthropic.us-west-2.api.aws"";
    string H = ""anthropic-workspace-id"";
}");

    [Fact]
    public Task Fix_AnthropicHost_UsesTheExpectedRegion() => V.Fix<ReplaceLiteralCodeFix>(@"
class C { string A = ""https://{|PC5002:api.anthropic.com|}/v1/messages""; string S = ""aws-external-anthropic""; }", @"
class C { string A = ""https://aws-external-anthropic.ap-southeast-2.api.aws/v1/messages""; string S = ""aws-external-anthropic""; }",
        "policycheck.expected_region = ap-southeast-2\n");
}

using System.Threading.Tasks;
using PolicyCheck.CodeFixes;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.SigningNameAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class SigningNameAnalyzerTests
{
    private const string Types = @"
public class ClientConfig { public string AuthenticationServiceName { get; set; } = """"; public string ServiceURL { get; set; } = """"; }
public static class Signer { public static void Sign(object request, string service, string region) { } public static void Log(string message) { } }
";

    [Fact]
    public Task Flags_AssignmentNextToTheClaudeHost() => V.Analyzer(Types + @"
class Client
{
    void Configure(ClientConfig config)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = {|#0:""bedrock""|};
    }
}", expected: V.Diagnostic("PC5001").WithLocation(0).WithArguments("\"bedrock\" is not the SigV4 signing name of Claude Platform on AWS; use \"aws-external-anthropic\""));

    [Fact]
    public Task Flags_ServiceArgument_InObjectInitializerToo() => V.Analyzer(Types + @"
class Client
{
    const string Workspace = ""wrkspc_01abc"";
    void Send(object request)
    {
        Signer.Sign(request, {|PC5001:""bedrock-runtime""|}, ""us-east-1"");
        var c = new ClientConfig { AuthenticationServiceName = {|PC5001:""execute-api""|} };
    }
}");

    [Fact]
    public Task Silent_ForBedrockCodeThatIsNotClaudePlatform() => V.Analyzer(Types + @"
class BedrockClient
{
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://bedrock-runtime.us-east-1.amazonaws.com"";
        config.AuthenticationServiceName = ""bedrock"";
        Signer.Sign(request, ""bedrock"", ""us-east-1"");
    }
}");

    [Fact]
    public Task Silent_OnRightNames_LogMessages_Variables_AndSts() => V.Analyzer(Types + @"
class Client
{
    void Configure(ClientConfig config, object request)
    {
        var bedrock = ""bedrock"";
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = ""aws-external-anthropic"";
        Signer.Log(""bedrock"");
        Signer.Sign(request, ""sts"", ""us-east-1"");
    }
}");

    [Fact]
    public Task Fix_ReplacesEveryWrongName() => V.Fix<ReplaceLiteralCodeFix>(Types + @"
class Client
{
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = {|PC5001:""bedrock""|};
        Signer.Sign(request, {|PC5001:""anthropic""|}, ""us-east-1"");
    }
}", Types + @"
class Client
{
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = ""aws-external-anthropic"";
        Signer.Sign(request, ""aws-external-anthropic"", ""us-east-1"");
    }
}");

    [Fact]
    public Task Flags_AConstant_WhereItIsUsed_WithItsDeclaration() => V.Analyzer(Types + @"
class Client
{
    const string Service = {|#1:""bedrock""|};
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = {|#0:Service|};
        Signer.Sign(request, {|#2:Service|}, ""us-east-1"");
    }
}", expected: new[]
    {
        V.Diagnostic("PC5001").WithLocation(0).WithLocation(1).WithArguments("\"bedrock\" is not the SigV4 signing name of Claude Platform on AWS; use \"aws-external-anthropic\""),
        V.Diagnostic("PC5001").WithLocation(2).WithLocation(1).WithArguments("\"bedrock\" is not the SigV4 signing name of Claude Platform on AWS; use \"aws-external-anthropic\""),
    });

    [Fact]
    public Task Silent_AConstantNoSigningPositionUses() => V.Analyzer(Types + @"
class Client
{
    const string Service = ""bedrock"";
    void Configure(ClientConfig config)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        Signer.Log(Service);
    }
}");

    [Fact]
    public Task Fix_AConstant_AtItsDeclaration_AndFixAllToo() => V.Fix<ReplaceLiteralCodeFix>(Types + @"
class Client
{
    const string Service = ""bedrock"";
    const string Other = ""execute-api"";
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = {|PC5001:Service|};
        Signer.Sign(request, {|PC5001:Service|}, ""us-east-1"");
        Signer.Sign(request, {|PC5001:Other|}, ""us-east-1"");
        Signer.Sign(request, {|PC5001:""bedrock-runtime""|}, ""us-east-1"");
    }
}", Types + @"
class Client
{
    const string Service = ""aws-external-anthropic"";
    const string Other = ""aws-external-anthropic"";
    void Configure(ClientConfig config, object request)
    {
        config.ServiceURL = ""https://aws-external-anthropic.us-east-1.api.aws"";
        config.AuthenticationServiceName = Service;
        Signer.Sign(request, Service, ""us-east-1"");
        Signer.Sign(request, Other, ""us-east-1"");
        Signer.Sign(request, ""aws-external-anthropic"", ""us-east-1"");
    }
}");
}

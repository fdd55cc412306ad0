using System.Threading.Tasks;
using PolicyCheck.CodeFixes;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.ArnAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class ArnAnalyzerTests
{
    [Fact]
    public Task Flags_MalformedWorkspaceArns() => V.Analyzer(@"
class C
{
    string A = {|PC5004:""arn:aws:bedrock:us-east-1:111122223333:workspace/wrkspc_01""|};
    string B = {|PC5004:""arn:aws:aws-external-anthropic:us-east-1:1111:workspace/wrkspc_01""|};
    string D = {|PC5004:""arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/ws-01""|};
    string E = {|PC5004:""arn:aws:aws-external-anthropic:useast1:111122223333:workspace/wrkspc_01""|};
}");

    [Fact]
    public Task Flags_MisspelledPortkeyPrincipal() => V.Analyzer(@"
class C { string P = {|#0:""arn:aws:iam::299329113159:role/portkey-app""|}; }",
        expected: V.Diagnostic("PC5004").WithLocation(0).WithArguments("\"arn:aws:iam::299329113159:role/portkey-app\" looks like a misspelling of the gateway's principal arn:aws:iam::299329113195:role/portkey-app: account 299329113159 differs from 299329113195"));

    [Fact]
    public Task Silent_OnValidArns_AndUnrelatedRoles() => V.Analyzer(@"
class C
{
    string A = ""arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"";
    string B = ""arn:aws:aws-external-anthropic:*:*:workspace/*"";
    string P = ""arn:aws:iam::299329113195:role/portkey-app"";
    string R = ""arn:aws:iam::111122223333:role/deploy"";
    string S = ""arn:aws:s3:::bucket/key"";
}");

    [Fact]
    public Task ExpectedPrincipal_FromEditorconfig() => V.Analyzer(@"
class C { string P = {|PC5004:""arn:aws:iam::111122223333:role/gateway-rol""|}; string Q = ""arn:aws:iam::299329113195:role/portkey-app""; }",
        "policycheck.expected_principal = arn:aws:iam::111122223333:role/gateway-role\n");

    [Fact]
    public Task Fix_ServiceAndPrincipal() => V.Fix<ReplaceLiteralCodeFix>(@"
class C
{
    string A = {|PC5004:""arn:aws:bedrock:us-east-1:111122223333:workspace/wrkspc_01""|};
    string P = {|PC5004:""arn:aws:iam::299329113195:role/portkey-ap""|};
}", @"
class C
{
    string A = ""arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01"";
    string P = ""arn:aws:iam::299329113195:role/portkey-app"";
}");
}

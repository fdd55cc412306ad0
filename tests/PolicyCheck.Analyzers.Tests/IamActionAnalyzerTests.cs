using System.Threading.Tasks;
using PolicyCheck.CodeFixes;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.IamActionAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class IamActionAnalyzerTests
{
    [Fact]
    public Task Flags_BedrockAction_InClaudeCode_AndUnknownActions() => V.Analyzer(@"
class Stack
{
    string[] Actions = { {|PC5003:""bedrock:InvokeModel""|}, ""aws-external-anthropic:CountTokens"", {|#0:""aws-external-anthropic:CreateInfrence""|}, {|PC5003:""aws-external-anthropic:Zzz*""|} };
}", expected: V.Diagnostic("PC5003").WithLocation(0).WithArguments("\"aws-external-anthropic:CreateInfrence\" is not a aws-external-anthropic action; did you mean \"aws-external-anthropic:CreateInference\"?"));

    [Fact]
    public Task Silent_OnBedrockCode_ValidActions_AndOtherStrings() => V.Analyzer(@"
class BedrockStack { string[] Actions = { ""bedrock:InvokeModel"", ""s3:GetObject"" }; }
class ClaudeStack
{
    string[] Actions = { ""aws-external-anthropic:CreateInference"", ""aws-external-anthropic:Get*"", ""s3:GetObject"" };
    string Log = ""error: bedrock:InvokeModel failed"";
    string Time = ""12:30"";
}");

    [Fact]
    public Task Fix_KnownRenames() => V.Fix<ReplaceLiteralCodeFix>(@"
class Stack
{
    string[] Actions = { {|PC5003:""bedrock:InvokeModel""|}, {|PC5003:""aws-external-anthropic:CreateMessageBatch""|}, {|PC5003:""aws-external-anthropic:countTokens""|} };
}", @"
class Stack
{
    string[] Actions = { ""aws-external-anthropic:CreateInference"", ""aws-external-anthropic:CreateBatchInference"", ""aws-external-anthropic:CountTokens"" };
}");

    [Fact]
    public Task Fix_RemovesTheWrongAction_WhenTheListAlreadyHoldsTheRightOne() => V.Fix<ReplaceLiteralCodeFix>(@"
class Stack
{
    string[] Actions = { {|PC5003:""bedrock:InvokeModel""|}, ""aws-external-anthropic:CreateInference"" };
    string[] Others = [""aws-external-anthropic:CountTokens"", {|PC5003:""aws-external-anthropic:countTokens""|}];
    string[] Fresh = { {|PC5003:""bedrock:InvokeModel""|}, ""aws-external-anthropic:CountTokens"" };
}", @"
class Stack
{
    string[] Actions = { ""aws-external-anthropic:CreateInference"" };
    string[] Others = [""aws-external-anthropic:CountTokens""];
    string[] Fresh = { ""aws-external-anthropic:CreateInference"", ""aws-external-anthropic:CountTokens"" };
}");

    [Fact]
    public Task SaysTheListAlreadyHoldsIt() => V.Analyzer(@"
class Stack { string[] Actions = { {|#0:""bedrock:InvokeModel""|}, ""aws-external-anthropic:CreateInference"" }; }",
        expected: V.Diagnostic("PC5003").WithLocation(0).WithArguments("\"bedrock:InvokeModel\" is in the bedrock namespace; Claude Platform on AWS actions are aws-external-anthropic:*; use \"aws-external-anthropic:CreateInference\" (the list already holds it: remove this one)"));
}

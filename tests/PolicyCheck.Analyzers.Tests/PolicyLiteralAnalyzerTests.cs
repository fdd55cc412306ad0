using System.Threading.Tasks;
using Xunit;
using V = PolicyCheck.Analyzers.Tests.Verify<PolicyCheck.Analyzers.PolicyLiteralAnalyzer>;

namespace PolicyCheck.Analyzers.Tests;

public sealed class PolicyLiteralAnalyzerTests
{
    [Fact]
    public Task RawString_FindingsAtTheExactPosition() => V.Analyzer(@"
class C
{
    const string Policy = """"""
        {
          ""Version"": ""2012-10-17"",
          {|PC2002:""Statement""|}: [{
            ""Effect"": ""Allow"",
            ""Action"": [{|PC2001:""bedrock:InvokeModel""|}, ""aws-external-anthropic:CountTokens""],
            ""Resource"": ""arn:aws:aws-external-anthropic:*:*:workspace/*""
          }]
        }
        """""";
}");

    [Fact]
    public Task RegularString_WithEscapes() => V.Analyzer(@"
class C
{
    const string Policy = ""{\""Version\"": \""2012-10-17\"", {|PC2002:\""Statement\""|}: [{\""Effect\"": \""Allow\"", \""Action\"": [{|PC2001:\""bedrock:InvokeModel\""|}, \""aws-external-anthropic:CountTokens\""], \""Resource\"": \""*\""}]}"";
}");

    [Fact]
    public Task VerbatimString_TrustPolicy() => V.Analyzer(@"
class C
{
    const string Trust = @""{""""Version"""": """"2012-10-17"""", """"Statement"""": [{""""Effect"""": """"Allow"""", """"Principal"""": {""""AWS"""": [""""arn:aws:iam::299329113195:role/portkey-app"""", {|PC3002:""""*""""|}]}, """"Action"""": """"sts:AssumeRole"""", """"Condition"""": {""""StringEquals"""": {""""sts:ExternalId"""": """"a1b2c3d4e5f6""""}}}]}"";
}");

    [Fact]
    public Task OtherServicesPolicies_GetGrammarRulesOnly() => V.Analyzer(@"
class C
{
    const string S3 = ""{\""Version\"": \""2012-10-17\"", \""Statement\"": [{\""Effect\"": \""Allow\"", \""Action\"": \""s3:GetObject\"", \""Resource\"": \""*\""}]}"";
    const string Bad = ""{\""Version\"": \""2012-10-17\"", \""Statement\"": [{\""Effect\"": {|PC1008:\""allow\""|}, \""Action\"": \""s3:GetObject\"", \""Resource\"": \""*\""}]}"";
}");

    [Fact]
    public Task Silent_OnTheSeedPolicy_AndOnNonPolicyStrings() => V.Analyzer(@"
class C
{
    const string Policy = """"""
        {""Version"": ""2012-10-17"", ""Statement"": [{""Sid"": ""Claude"", ""Effect"": ""Allow"",
          ""Action"": [""aws-external-anthropic:CreateInference"", ""aws-external-anthropic:CountTokens""],
          ""Resource"": ""arn:aws:aws-external-anthropic:*:*:workspace/*""}]}
        """""";
    const string Text = ""the Statement element"";
}");

    [Fact]
    public Task AnExternalIdInTheLiteral_IsMaskedInTheMessage() => V.Analyzer(@"
class C
{
    string Trust = """"""
        {""Version"": ""2012-10-17"", ""Statement"": [{""Effect"": ""Allow"", ""Principal"": {""AWS"": ""arn:aws:iam::299329113195:role/portkey-app""}, ""Action"": ""sts:AssumeRole"", ""Condition"": {""StringEquals"": {""sts:ExternalId"": {|#0:""4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93""|}}}}]}
        """""";
}", policycheckYml: "gateway:\n  externalId:\n    value: 9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\n",
        expected: V.Diagnostic("PC3008").WithLocation(0).WithArguments("the sts:ExternalId value \"****\" is not the external ID configured in policycheck.yml; Portkey sends the configured one, so AssumeRole will fail (fix: Make the condition value equal the external ID configured in Portkey (gateway.externalId in policycheck.yml).)"));
}

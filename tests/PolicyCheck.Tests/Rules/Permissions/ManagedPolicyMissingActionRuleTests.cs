using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC2010: attached AWS managed policies that cannot serve the gateway.</summary>
public sealed class ManagedPolicyMissingActionRuleTests
{
    private const string Trust = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole"}]}""";

    [Fact]
    public void Flags_ReadOnlyAccess_ForInference()
    {
        var config = Lint.Config("gateway:\n  managedPolicies: [AnthropicReadOnlyAccess]\n");
        var d = Assert.Single(Lint.Role(config, ("trust.json", Trust)).Only("PC2010"));
        Assert.Contains("CreateInference", d.Message);
        Assert.Contains("CountTokens", d.Message);
        Assert.Equal("policycheck.yml", d.Path);
        Assert.Equal(2, d.Span.Line);
    }

    [Fact]
    public void Flags_InferenceAccess_ForFiles()
    {
        var config = Lint.Config("gateway:\n  features: [inference, files]\n  managedPolicies: [AnthropicInferenceAccess]\n");
        var d = Assert.Single(Lint.Role(config, ("trust.json", Trust)).Only("PC2010"));
        Assert.Contains("CreateFile", d.Message);
        Assert.DoesNotContain("GetFile", d.Message); // Get* covers it
    }

    [Fact]
    public void Accepts_InferenceAccess_ForInference()
    {
        var config = Lint.Config("gateway:\n  managedPolicies: [arn:aws:iam::aws:policy/AnthropicInferenceAccess]\n");
        Assert.Empty(Lint.Role(config, ("trust.json", Trust)).Only("PC2010"));
    }

    [Fact]
    public void Accepts_FullAccess_ForEverything()
    {
        var config = Lint.Config("gateway:\n  features: [inference, count_tokens, batches, files, models]\n  managedPolicies: [AnthropicFullAccess]\n");
        Assert.Empty(Lint.Role(config, ("trust.json", Trust)).Only("PC2010"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3009: what UnsatisfiableConditionRule must flag and what it must leave alone.</summary>
public sealed class UnsatisfiableConditionRuleTests
{
    [Fact]
    public void Flags_Mfa()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        },\n        \"Bool\": {\n          \"aws:MultiFactorAuthPresent\": \"true\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("aws:MultiFactorAuthPresent") || (d.Fix ?? string.Empty).Contains("aws:MultiFactorAuthPresent"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_SessionName()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\",\n          \"sts:RoleSessionName\": \"portkey\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("sts:RoleSessionName") || (d.Fix ?? string.Empty).Contains("sts:RoleSessionName"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_SourceIp()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        },\n        \"IpAddress\": {\n          \"aws:SourceIp\": \"203.0.113.0/24\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("aws:SourceIp") || (d.Fix ?? string.Empty).Contains("aws:SourceIp"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_ExternalIdOnly()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC3009"));
    }

    [Fact]
    public void Accepts_IfExistsIsHarmless()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        },\n        \"BoolIfExists\": {\n          \"aws:MultiFactorAuthPresent\": \"true\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC3009"));
    }
}

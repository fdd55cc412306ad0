using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3002: what PrincipalTooBroadRule must flag and what it must leave alone.</summary>
public sealed class PrincipalTooBroadRuleTests
{
    [Fact]
    public void Flags_AccountRoot()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:root\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("Portkey's account") || (d.Fix ?? string.Empty).Contains("Portkey's account"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Star()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"*\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("any AWS principal") || (d.Fix ?? string.Empty).Contains("any AWS principal"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_BareAccountId()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"299329113195\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, null).Only("PC3002");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("every role and user") || (d.Fix ?? string.Empty).Contains("every role and user"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_ExactRole()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC3002"));
    }

    [Fact]
    public void Accepts_RootNarrowedByPrincipalArn()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:root\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        },\n        \"ArnEquals\": {\n          \"aws:PrincipalArn\": \"arn:aws:iam::299329113195:role/portkey-app\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, null).Only("PC3002"));
    }
}

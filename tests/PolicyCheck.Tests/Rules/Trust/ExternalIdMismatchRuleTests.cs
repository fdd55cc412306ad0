using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3008: what ExternalIdMismatchRule must flag and what it must leave alone.</summary>
public sealed class ExternalIdMismatchRuleTests
{
    [Fact]
    public void Flags_Different()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"another-tenant-0042\"\n        }\n      }\n    }\n  ]\n}";
        var found = Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n").Only("PC3008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not the external ID configured") || (d.Fix ?? string.Empty).Contains("not the external ID configured"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Same()
    {
        const string policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"\n      },\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"sts:ExternalId\": \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n        }\n      }\n    }\n  ]\n}";
        Assert.Empty(Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n").Only("PC3008"));
    }
}

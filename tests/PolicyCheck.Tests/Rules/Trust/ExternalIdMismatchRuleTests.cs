using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3008: what ExternalIdMismatchRule must flag and what it must leave alone.</summary>
public sealed class ExternalIdMismatchRuleTests
{
    [Fact]
    public void Flags_Different()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::299329113195:role/portkey-app"
                  },
                  "Action": "sts:AssumeRole",
                  "Condition": {
                    "StringEquals": {
                      "sts:ExternalId": "another-tenant-0042"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n").Only("PC3008");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("not the external ID configured") || (d.Fix ?? string.Empty).Contains("not the external ID configured"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Same()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::299329113195:role/portkey-app"
                  },
                  "Action": "sts:AssumeRole",
                  "Condition": {
                    "StringEquals": {
                      "sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"
                    }
                  }
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n    value: \"9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23\"\n").Only("PC3008"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1012: what ResourceInTrustPolicyRule must flag and what it must leave alone.</summary>
public sealed class ResourceInTrustPolicyRuleTests
{
    [Fact]
    public void Flags_ResourceStar()
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
                  "Resource": "*"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC1012");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("resource is the role itself") || (d.Fix ?? string.Empty).Contains("resource is the role itself"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_NoResource()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1012"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3005: what ExternalIdMissingRule must flag and what it must leave alone.</summary>
public sealed class ExternalIdMissingRuleTests
{
    [Fact]
    public void Flags_RequiredButMissing()
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
                  "Condition": {}
                }
              ]
            }
            """;
        var found = Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n").Only("PC3005");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("requires one") || (d.Fix ?? string.Empty).Contains("requires one"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_RecommendedNote()
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
                  "Action": "sts:AssumeRole"
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3005");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("recommended") || (d.Fix ?? string.Empty).Contains("recommended"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Present()
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
        Assert.Empty(Lint.Json(policy, "gateway:\n  externalId:\n    required: true\n").Only("PC3005"));
    }
}

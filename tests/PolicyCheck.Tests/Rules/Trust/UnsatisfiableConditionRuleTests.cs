using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3009: what UnsatisfiableConditionRule must flag and what it must leave alone.</summary>
public sealed class UnsatisfiableConditionRuleTests
{
    [Fact]
    public void Flags_Mfa()
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
                    },
                    "Bool": {
                      "aws:MultiFactorAuthPresent": "true"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3009");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("aws:MultiFactorAuthPresent") || (d.Fix ?? string.Empty).Contains("aws:MultiFactorAuthPresent"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    private static string Trust(string extraCondition) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"},
              "Action": "sts:AssumeRole",
              "Condition": {
                "StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"},
                {{extraCondition}}
              }
            }
          ]
        }
        """;

    [Fact]
    public void Flags_AVpcEndpointTheHostedGatewayNeverUses()
    {
        var found = Lint.Json(Trust("\"StringEqualsIgnoreCase\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}"), null).Only("PC3009");
        var d = Assert.Single(found);
        Assert.Contains("aws:SourceVpce", d.Message);
        Assert.Equal((10, 36), (d.Span.Line, d.Span.Column));
        // The nearest safe variant: the same key under IfExists.
        Assert.Empty(Lint.Json(Trust("\"StringEqualsIgnoreCaseIfExists\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}"), null).Only("PC3009"));
    }

    // The session name and the source IP are on the gateway's AssumeRole; only their values are unknown offline. That
    // is not "can never be met": the PC3011 proof says it depends on them (a warning), and PC3009 stays quiet.
    [Theory]
    [InlineData("\"StringLike\": {\"sts:RoleSessionName\": \"portkey\"}", "sts:RoleSessionName")]
    [InlineData("\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}", "aws:SourceIp")]
    public void KeysWithUnknownValues_AreAProofThatDepends_NotPC3009(string condition, string key)
    {
        var all = Lint.Json(Trust(condition), null);
        Assert.Empty(all.Only("PC3009"));
        var depends = Assert.Single(all.Only("PC3011"));
        Assert.Equal(PolicyCheck.Facts.Severity.Warning, depends.Severity);
        Assert.Contains("depends on " + key, depends.Message);
    }

    [Fact]
    public void Accepts_ExternalIdOnly()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC3009"));
    }

    [Fact]
    public void Accepts_IfExistsIsHarmless()
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
                    },
                    "BoolIfExists": {
                      "aws:MultiFactorAuthPresent": "true"
                    }
                  }
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC3009"));
    }
}

using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3006: what ExternalIdOperatorRule must flag and what it must leave alone.</summary>
public sealed class ExternalIdOperatorRuleTests
{
    [Fact]
    public void Flags_StringLikeStar()
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
                    "StringLike": {
                      "sts:ExternalId": "*"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("wildcard") || (d.Fix ?? string.Empty).Contains("wildcard"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_IfExists()
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
                    "StringEqualsIfExists": {
                      "sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no external ID is sent") || (d.Fix ?? string.Empty).Contains("no external ID is sent"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_ForAnyValue()
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
                    "ForAnyValue:StringEquals": {
                      "sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("set operator") || (d.Fix ?? string.Empty).Contains("set operator"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Negated()
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
                    "StringNotEquals": {
                      "sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3006");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("negated") || (d.Fix ?? string.Empty).Contains("negated"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_StringEquals()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC3006"));
    }

    private static string Trust(string condition)
        => """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole", "Condition": {""" + condition + "}}]}";

    [Theory]
    [InlineData("\"StringEqualsIfExists\": {\"sts:ExternalId\": \"ext-id-123\"}", true)]
    [InlineData("\"ForAnyValue:StringEquals\": {\"sts:ExternalId\": \"ext-id-123\"}", true)]
    [InlineData("\"StringEqualsIgnoreCase\": {\"sts:ExternalId\": \"ext-id-123\"}", true)]
    [InlineData("\"StringLike\": {\"sts:ExternalId\": \"ext-id-123\"}", true)]
    [InlineData("\"StringLike\": {\"sts:ExternalId\": \"ext-*\"}", false)] // which ID was meant?
    [InlineData("\"StringNotEquals\": {\"sts:ExternalId\": \"ext-id-123\"}", false)] // the opposite meaning
    [InlineData("\"StringEqualsIfExists\": {\"sts:ExternalId\": \"ext-id-123\", \"aws:PrincipalTag/team\": \"ai\"}", false)] // the block holds more
    [InlineData("\"StringEqualsIfExists\": {\"sts:ExternalId\": \"ext-id-123\"}, \"StringEquals\": {\"aws:PrincipalAccount\": \"299329113195\"}", false)] // would repeat a key
    public void Edit_ToStringEquals_OnlyWhenUnambiguous(string condition, bool edits)
    {
        var d = Assert.Single(Lint.Json(Trust(condition), null).Only("PC3006"));
        Assert.Equal(edits ? "StringEquals" : null, d.Edit?.New);
    }
}

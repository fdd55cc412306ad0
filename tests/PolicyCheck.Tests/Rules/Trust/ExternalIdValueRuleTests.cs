using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3007: what ExternalIdValueRule must flag and what it must leave alone.</summary>
public sealed class ExternalIdValueRuleTests
{
    [Fact]
    public void Flags_Placeholder()
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
                      "sts:ExternalId": "<your-external-id>"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("placeholder") || (d.Fix ?? string.Empty).Contains("placeholder"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_BadCharacter()
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
                      "sts:ExternalId": "abc def 123456"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("a space") || (d.Fix ?? string.Empty).Contains("a space"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_TooShort()
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
                      "sts:ExternalId": "a"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("characters") || (d.Fix ?? string.Empty).Contains("characters"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_Numbers()
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
                      "sts:ExternalId": "12345"
                    }
                  }
                }
              ]
            }
            """;
        var found = Lint.Json(policy, null).Only("PC3007");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("placeholder") || (d.Fix ?? string.Empty).Contains("placeholder"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Uuid()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC3007"));
    }
}

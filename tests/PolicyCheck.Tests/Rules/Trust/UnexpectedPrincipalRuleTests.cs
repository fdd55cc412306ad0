using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3010: what UnexpectedPrincipalRule must flag and what it must leave alone.</summary>
public sealed class UnexpectedPrincipalRuleTests
{
    [Fact]
    public void Flags_ExtraUser()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": [
                      "arn:aws:iam::299329113195:role/portkey-app",
                      "arn:aws:iam::111122223333:user/dev"
                    ]
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
        var found = Lint.Json(policy, null).Only("PC3010");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("111122223333:user/dev") || (d.Fix ?? string.Empty).Contains("111122223333:user/dev"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_OnlyPortkey()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC3010"));
    }
}

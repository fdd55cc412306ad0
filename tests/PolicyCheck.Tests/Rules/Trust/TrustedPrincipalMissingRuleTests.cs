using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC3001: what TrustedPrincipalMissingRule must flag and what it must leave alone.</summary>
public sealed class TrustedPrincipalMissingRuleTests
{
    [Fact]
    public void Flags_MisspelledAccount()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::299329113159:role/portkey-app"
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
        var found = Lint.Json(policy, null).Only("PC3001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("misspelling") || (d.Fix ?? string.Empty).Contains("misspelling"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_OtherRole()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::111122223333:role/admin"
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
        var found = Lint.Json(policy, null).Only("PC3001");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no statement lets") || (d.Fix ?? string.Empty).Contains("no statement lets"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_Hosted()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC3001"));
    }

    [Theory]
    [InlineData("arn:aws:iam::299329113195:role/portkey-ap", true)]
    [InlineData("arn:aws:iam::299329113195:role/Portkey-App", true)]
    [InlineData("arn:aws:iam::111122223333:role/portkey-app", false)] // another account: not a typo
    public void Edit_OnlyForAFewCharactersOff(string principal, bool edits)
    {
        string trust = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + principal + "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ext-id-123\"}}}]}";
        var d = Assert.Single(Lint.Json(trust, null).Only("PC3001"));
        Assert.Equal(edits ? "arn:aws:iam::299329113195:role/portkey-app" : null, d.Edit?.New);
    }
}

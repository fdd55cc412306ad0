using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1016: what PrincipalElementRule must flag and what it must leave alone.</summary>
public sealed class PrincipalElementRuleTests
{
    [Fact]
    public void Flags_NoPrincipal()
    {
        const string policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole"}, {"Effect": "Allow", "Action": "sts:AssumeRole"}]}""";
        var found = Lint.Json(policy, null).Only("PC1016");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("no \"Principal\"") || (d.Fix ?? string.Empty).Contains("no \"Principal\""));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Accepts_WithPrincipal()
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
        Assert.Empty(Lint.Json(policy, null).Only("PC1016"));
    }
}

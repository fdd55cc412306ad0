using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1014: what PolicySizeRule must flag and what it must leave alone.</summary>
public sealed class PolicySizeRuleTests
{
    [Fact]
    public void Flags_HugeTrust()
    {
        string policy = Trust(statements: 20);
        var found = Lint.Json(policy, null).Only("PC1014");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("trust policy quota") || (d.Fix ?? string.Empty).Contains("trust policy quota"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    [Fact]
    public void Flags_HugePermission()
    {
        string policy = Permission(actions: 400);
        var found = Lint.Json(policy, null).Only("PC1014");
        Assert.NotEmpty(found);
        Assert.Contains(found, d => d.Message.Contains("10,240") || (d.Fix ?? string.Empty).Contains("10,240"));
        Assert.All(found, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1));
    }

    /// <summary>A trust policy of <paramref name="statements"/> Portkey statements (about 200 characters each).</summary>
    private static string Trust(int statements)
    {
        var list = Enumerable.Range(0, statements).Select(i => """{"Sid": "S""" + i + "\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"},"
            + """ "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23"}}}""");
        return """{"Version": "2012-10-17", "Statement": [""" + string.Join(",\n", list) + "]}";
    }

    /// <summary>A permission policy whose one statement lists <paramref name="actions"/> actions (about 40 characters each).</summary>
    private static string Permission(int actions)
    {
        var list = Enumerable.Range(0, actions).Select(_ => "\"aws-external-anthropic:CreateInference\"");
        return """{"Version": "2012-10-17", "Statement": [{"Sid": "S0", "Effect": "Allow", "Action": [""" + string.Join(", ", list)
            + """], "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"}]}""";
    }

    [Fact]
    public void Accepts_JustUnderTheQuotas()
    {
        Assert.Empty(Lint.Json(Trust(statements: 8), null).Only("PC1014"));
        Assert.Empty(Lint.Json(Permission(actions: 120), null).Only("PC1014"));
    }

    [Fact]
    public void Accepts_Small()
    {
        const string policy = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Claude",
                  "Effect": "Allow",
                  "Action": [
                    "aws-external-anthropic:CreateInference",
                    "aws-external-anthropic:CountTokens"
                  ],
                  "Resource": "arn:aws:aws-external-anthropic:*:*:workspace/*"
                }
              ]
            }
            """;
        Assert.Empty(Lint.Json(policy, null).Only("PC1014"));
    }
}

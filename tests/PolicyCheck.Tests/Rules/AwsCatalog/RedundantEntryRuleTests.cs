using System;
using System.Linq;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1031: what RedundantEntryRule must flag and what it must leave alone.</summary>
public sealed class RedundantEntryRuleTests
{
    [Fact]
    public void Flags_Repeats_CoveredValues_AndRepeatedStatements()
    {
        var found = Lint.Json(Lint.Permission(
            """{"Sid":"A","Effect":"Allow","Action":["s3:Get*","s3:GetObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/*"]},""" +
            """{"Sid":"B","Effect":"Allow","Action":["s3:Get*","s3:GetObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/*"]}""")).Only("PC1031");
        Assert.Contains(found, d => d.Message.Contains("covered by \"s3:Get*\""));
        Assert.Contains(found, d => d.Message.Contains("listed twice"));
        Assert.Contains(found, d => d.Message.Contains("repeats statement 1"));
    }

    [Fact]
    public void ManyEntries_AreComparedWithoutComparingEveryPair()
    {
        // 20,000 actions and 200 wildcards with a fixed start: compared through the index, each covered one found.
        var actions = Enumerable.Range(0, 20_000).Select(i => i % 100 == 99 ? $"\"s3:Get{i}*\"" : $"\"s3:Get{i}\"");
        var found = Lint.Json(Lint.Permission("{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", actions) + "],\"Resource\":\"*\"}")).Only("PC1031");
        Assert.Contains(found, d => d.Message.Contains("\"s3:Get990\" is already covered by \"s3:Get99*\""));
        Assert.DoesNotContain(found, d => d.Message.Contains("were not checked"));
    }

    [Fact]
    public void WildcardsWithoutAFixedStartOrEnd_PastTheBudget_AreNamedNotSkipped()
    {
        int n = (int)Math.Sqrt(PolicyCheck.Rules.AwsCatalog.RedundantEntryRule.ComparisonBudget) + 100;
        var actions = Enumerable.Range(0, n).Select(i => $"\"*x{i}y*\"").Concat(Enumerable.Range(0, n).Select(i => $"\"s3:Get{i}\""));
        var found = Lint.Json(Lint.Permission("{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", actions) + "],\"Resource\":\"*\"}")).Only("PC1031");
        Assert.Single(found, d => d.Message.Contains("were not checked for being covered"));
    }

    [Fact]
    public void RepeatedStatement_IsFoundWhereverItsSidStands_AndAmongMany()
    {
        var statements = Enumerable.Range(0, 40).Select(i => $$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b{{i}}/*"}""").ToList();
        statements.Add("""{"Effect":"Allow","Sid":"Again","Action":"s3:GetObject","Resource":"arn:aws:s3:::b7/*"}""");
        var found = Lint.Json(Lint.Permission(string.Join(",", statements))).Only("PC1031");
        Assert.Equal("statement 41 (Sid Again) repeats statement 8", Assert.Single(found).Message);
    }

    [Fact]
    public void Accepts_StatementsThatReadAlikeAsText_ButDiffer()
        // One resource "a,b" is not the two resources a and b; a condition's value is not its key.
        => Assert.Empty(Lint.Json(Lint.Permission(
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::a,arn:aws:s3:::b"]},{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::a","arn:aws:s3:::b"]},""" +
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:k":"v"}}},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:v":"k"}}}""")).Only("PC1031"));

    [Fact]
    public void Accepts_DistinctEntries()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::a"}""")).Only("PC1031"));
}

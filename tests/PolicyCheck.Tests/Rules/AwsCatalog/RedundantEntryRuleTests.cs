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
    public void Accepts_DistinctEntries()
        => Assert.Empty(Lint.Json(Lint.Permission("""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::a"}""")).Only("PC1031"));
}

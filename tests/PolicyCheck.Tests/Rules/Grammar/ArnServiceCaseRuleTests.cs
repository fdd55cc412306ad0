using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>PC1047: what ArnServiceCaseRule must flag and what it must leave alone.</summary>
public sealed class ArnServiceCaseRuleTests
{
    [Fact]
    public void Flags_ACapitalisedService_WithAnEditThatLowercasesIt()
    {
        var found = Markup.AssertFindings("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [{|PC1047:"arn:aws:S3:::Reports/*"|}, "arn:aws:s3:::ok/*"]}]}
            """);
        var edit = Assert.Single(found).Edit!;
        Assert.Equal("arn:aws:S3:::Reports/*", edit.Old);
        Assert.Equal("arn:aws:s3:::Reports/*", edit.New);
    }

    [Theory]
    [InlineData("arn:aws:s3:::Reports/*")]
    [InlineData("arn:aws:iam::111122223333:role/MyRole")]
    [InlineData("*")]
    public void Accepts_LowercaseServices_WhateverTheResourcePart(string arn)
        => Assert.Empty(Lint.Json(Lint.Permission("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"" + arn + "\"}")).Only("PC1047"));
}

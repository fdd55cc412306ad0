using Xunit;

namespace PolicyCheck.Tests;

/// <summary>The span markup the rule tests use: it must fail on a mark that is off by one character.</summary>
public class MarkupTests
{
    [Fact]
    public void Parse_StripsTheMarks_AndKeepsWhereTheyStood()
    {
        var (text, spans) = Markup.Parse("""{"Action": {|PC2001:"bedrock:X"|}}""");
        Assert.Equal("""{"Action": "bedrock:X"}""", text);
        var (rule, start, length) = Assert.Single(spans);
        Assert.Equal(("PC2001", 11, 11), (rule, start, length));
    }

    [Fact]
    public void AssertFindings_FailsWhenTheMarkIsOff_OrAFindingIsMissing()
    {
        const string right = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {|PC2001:"bedrock:InvokeModel"|}, "Resource": "*"}]}""";
        Markup.AssertFindings(right);
        var off = right.Replace("{|PC2001:\"bedrock", "\"{|PC2001:bedrock");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Markup.AssertFindings(off));
        var extra = right.Replace("\"Effect\"", "{|PC1002:\"Effect\"|}");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Markup.AssertFindings(extra));
        // A rule named to stay quiet that does report fails too.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Markup.AssertFindings(right.Replace("{|PC2001:", string.Empty).Replace("|}", string.Empty), null, "PC2001"));
    }
}

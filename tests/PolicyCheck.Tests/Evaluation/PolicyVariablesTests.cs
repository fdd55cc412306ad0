using PolicyCheck.Evaluation;
using Xunit;
using static PolicyCheck.Tests.Evaluation.Eval;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>Policy variables, after "IAM policy elements: Variables and tags" (reference_policies_variables.html).</summary>
public sealed class PolicyVariablesTests
{
    private static Decision HomeFolder(string version, RequestContext ctx, string resource)
    {
        var doc = Doc("{\"Version\":\"" + version + "\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}]}");
        return Identity(doc, "s3:GetObject", resource, ctx);
    }

    [Fact]
    public void Username_IsSubstituted()
    {
        Assert.Equal(Decision.Allowed, HomeFolder("2012-10-17", Ctx("aws:username", "alice"), "arn:aws:s3:::home/alice/notes.txt"));
        Assert.Equal(Decision.ImplicitDeny, HomeFolder("2012-10-17", Ctx("aws:username", "alice"), "arn:aws:s3:::home/bob/notes.txt"));
    }

    [Fact]
    public void MissingVariable_MatchesNothing()
        => Assert.Equal(Decision.ImplicitDeny, HomeFolder("2012-10-17", new RequestContext(), "arn:aws:s3:::home/${aws:username}/x"));

    [Fact]
    public void OldVersion_IsLiteral()
    {
        Assert.Equal(Decision.ImplicitDeny, HomeFolder("2008-10-17", Ctx("aws:username", "alice"), "arn:aws:s3:::home/alice/notes.txt"));
        Assert.Equal(Decision.Allowed, HomeFolder("2008-10-17", Ctx("aws:username", "alice"), "arn:aws:s3:::home/${aws:username}/notes.txt"));
    }

    [Fact]
    public void SubstitutedValue_IsLiteral_NotAWildcard()
        => Assert.Equal(Decision.ImplicitDeny, HomeFolder("2012-10-17", Ctx("aws:username", "*"), "arn:aws:s3:::home/alice/notes.txt"));

    [Fact]
    public void Default_IsUsedWhenMissing()
    {
        var doc = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'shared'}/"}}}]}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b", Ctx("s3:prefix", "shared/")));
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b", Ctx(("s3:prefix", new[] { "red/" }), ("aws:PrincipalTag/team", new[] { "red" }))));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "s3:GetObject", "arn:aws:s3:::b", Ctx(("s3:prefix", new[] { "shared/" }), ("aws:PrincipalTag/team", new[] { "red" }))));
    }

    [Fact]
    public void SpecialCharacters_AreLiteral()
    {
        var doc = Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"k":"a${*}b${?}c${$}"}}}]}""");
        Assert.Equal(Decision.Allowed, Identity(doc, "s3:GetObject", "arn:aws:s3:::b", Ctx("k", "a*b?c$")));
        Assert.Equal(Decision.ImplicitDeny, Identity(doc, "s3:GetObject", "arn:aws:s3:::b", Ctx("k", "axxbyc$")));
    }

    [Fact]
    public void MultivaluedKey_DoesNotResolve()
        => Assert.Equal(Decision.ImplicitDeny, HomeFolder("2012-10-17", Ctx(("aws:username", new[] { "a", "b" })), "arn:aws:s3:::home/a/x"));
}

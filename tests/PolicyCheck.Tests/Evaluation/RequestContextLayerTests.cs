using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using Xunit;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// The proofs' requests share every context key but the caller's (<see cref="RequestContext.Layer"/>): a layer reads
/// what lies under it, its own keys win, and the context under it never changes.
/// </summary>
public sealed class RequestContextLayerTests
{
    [Fact]
    public void Layer_ReadsThrough_OwnKeysWin_UnderUnchanged()
    {
        var under = new RequestContext().Set("aws:SecureTransport", "true").Set("aws:PrincipalArn", "arn:aws:iam::1:role/a").SetUnknown("aws:SourceIp").SetUnknown("aws:PrincipalTag/*", mayBeAbsent: true);
        var layer = under.Layer().Set("aws:PrincipalArn", "arn:aws:iam::2:role/b").Set("aws:SourceIp", "203.0.113.7");

        Assert.True(layer.TryGet("AWS:SecureTransport", out var secure));
        Assert.Equal("true", secure.Values.Single());
        Assert.True(layer.TryGet("aws:PrincipalArn", out var arn));
        Assert.Equal("arn:aws:iam::2:role/b", arn.Values.Single());
        Assert.False(layer.IsUnknown("aws:SourceIp", out _)); // a value wins over an unknown beneath it
        Assert.True(layer.IsUnknown("aws:PrincipalTag/team", out bool mayBeAbsent));
        Assert.True(mayBeAbsent);
        Assert.True(layer.HasUnknowns);
        Assert.Equal(3, layer.Count);

        Assert.True(under.TryGet("aws:PrincipalArn", out var before));
        Assert.Equal("arn:aws:iam::1:role/a", before.Values.Single());
        Assert.True(under.IsUnknown("aws:SourceIp", out _));
        Assert.False(under.Has("nothing"));
    }

    [Fact]
    public void Copy_OfALayer_IsOneContext_WithTheSameAnswers()
    {
        var under = new RequestContext().Set("a:x", "1").SetUnknown("aws:SourceIp");
        var layer = under.Layer().Set("a:y", "2");
        var copy = layer.Copy();
        copy.SetAbsent("aws:SourceIp").Set("a:x", "changed");

        Assert.True(copy.TryGet("a:y", out var y));
        Assert.Equal("2", y.Values.Single());
        Assert.False(copy.IsUnknown("aws:SourceIp", out _));
        Assert.True(layer.IsUnknown("aws:SourceIp", out _)); // the copy's changes stay in the copy
        Assert.True(layer.TryGet("a:x", out var x));
        Assert.Equal("1", x.Values.Single());
        Assert.Equal(new[] { "a:x", "a:y" }, layer.WithoutUnknowns().Entries.Select(e => e.Key).OrderBy(k => k));
        Assert.False(layer.WithoutUnknowns().HasUnknowns);
    }

    [Fact]
    public void AssumeRole_EachCallerGetsItsOwnKeys_AndTheSharedOnes()
    {
        var role = new RoleGroup("r");
        var requests = new GatewayRequests(role, new GatewayConfig(), BuiltIn.Service);
        var gateway = requests.AssumeRole(GatewayRequests.SessionOf("arn:aws:iam::299329113195:role/portkey-app"), "id-1");
        var other = requests.AssumeRole(GatewayRequests.SessionOf("arn:aws:iam::444455556666:role/other"), "id-2");
        var user = requests.AssumeRole(CallerPrincipal.Parse("arn:aws:iam::444455556666:user/someone"), "id-2");
        var anonymous = requests.AssumeRole(CallerPrincipal.Parse("*"), null);

        Assert.Equal("arn:aws:iam::299329113195:role/portkey-app", Value(gateway, "aws:PrincipalArn"));
        Assert.Equal("arn:aws:iam::444455556666:role/other", Value(other, "aws:PrincipalArn"));
        Assert.Equal("arn:aws:iam::444455556666:user/someone", Value(user, "aws:PrincipalArn"));
        Assert.Equal("id-1", Value(gateway, "sts:ExternalId"));
        Assert.Equal("id-2", Value(other, "sts:ExternalId"));
        Assert.Equal("299329113195", Value(gateway, "aws:PrincipalAccount"));
        Assert.Null(Value(anonymous, "aws:PrincipalArn"));
        Assert.Null(Value(anonymous, "sts:ExternalId"));
        foreach (var r in new[] { gateway, other, user, anonymous }) Assert.Equal("true", Value(r, "aws:SecureTransport"));
        // The same caller, ID and action: one request, shared by the proofs.
        Assert.Same(gateway, requests.AssumeRole(GatewayRequests.SessionOf("arn:aws:iam::299329113195:role/portkey-app"), "id-1"));
        Assert.NotSame(gateway, requests.AssumeRole(GatewayRequests.SessionOf("arn:aws:iam::299329113195:role/portkey-app"), "id-1", "sts:TagSession"));
    }

    private static string? Value(EvalRequest request, string key)
        => request.Context.TryGet(key, out var v) ? v.Values.Single() : null;
}

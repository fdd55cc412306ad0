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

    /// <summary>
    /// The requests' region, account and workspace come from the config, else each from the first Claude Platform
    /// grant that names it concretely (not a wildcard, a variable or empty), else from fixed examples.
    /// </summary>
    [Fact]
    public void Requests_TakeEachPartFromTheFirstGrantThatNamesIt()
    {
        static RoleGroup Granting(params string[] resources)
        {
            var role = new RoleGroup("r");
            string list = string.Join(",", resources.Select(r => "\"" + r + "\""));
            role.Documents.Add(PolicyReader.Read("permission.json", "{\"Version\":\"2012-10-17\",\"Statement\":[" +
                "{\"Effect\":\"Deny\",\"Action\":\"aws-external-anthropic:*\",\"Resource\":\"arn:aws:aws-external-anthropic:eu-north-1:999999999999:workspace/deny\"}," +
                "{\"Effect\":\"Allow\",\"Action\":\"aws-external-anthropic:CreateInference\",\"Resource\":[" + list + "]}]}", DocumentKind.Permission));
            return role;
        }
        var role = Granting(
            "arn:aws:s3:::bucket/*",
            "arn:aws:aws-external-anthropic:*:${aws:PrincipalAccount}:workspace/*",
            "arn:aws:aws-external-anthropic:eu-west-1:*:*",
            "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_first",
            "arn:aws:aws-external-anthropic:ap-south-1:210987654321:workspace/wrkspc_second");
        var from = new GatewayRequests(role, new GatewayConfig(), BuiltIn.Service);
        Assert.Equal(("eu-west-1", "123456789012", "wrkspc_first"), (from.Region, from.Account, from.Workspace));
        Assert.Equal("arn:aws:aws-external-anthropic:eu-west-1:123456789012:workspace/wrkspc_first", from.WorkspaceArn);

        var none = new GatewayRequests(Granting("arn:aws:aws-external-anthropic:*:*:*"), new GatewayConfig(), BuiltIn.Service);
        Assert.Equal(("us-east-1", GatewayRequests.ExampleAccount, GatewayRequests.ExampleWorkspace), (none.Region, none.Account, none.Workspace));

        var config = new GatewayConfig { Region = new Located<string>("ca-central-1", null, default) };
        var partly = new GatewayRequests(role, config, BuiltIn.Service);
        Assert.Equal(("ca-central-1", "123456789012", "wrkspc_first"), (partly.Region, partly.Account, partly.Workspace));
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

    [Fact]
    public void Roles_ShareShapes_OnlyWhereTheSettingsAgree()
    {
        var plain = new GatewayConfig();
        var withIp = new GatewayConfig();
        withIp.Context.Add(new ContextSetting("aws:SourceIp", new[] { "203.0.113.7" }, ContextType.Ip, null, PolicyCheck.Json.SourceSpan.FileStart));
        var now = new System.DateTime(2026, 12, 4, 12, 0, 0, System.DateTimeKind.Utc);
        var caller = GatewayRequests.SessionOf("arn:aws:iam::299329113195:role/portkey-app");

        var a = new GatewayRequests(new RoleGroup("a"), plain, BuiltIn.Service, now).AssumeRole(caller, "x");
        var b = new GatewayRequests(new RoleGroup("b"), withIp, BuiltIn.Service, now).AssumeRole(caller, "x");
        var c = new GatewayRequests(new RoleGroup("c"), new GatewayConfig { Deployment = Deployment.SelfHosted }, BuiltIn.Service, now).AssumeRole(caller, "x");
        Assert.True(a.Context.IsUnknown("aws:SourceIp", out _));
        Assert.Equal("203.0.113.7", Value(b, "aws:SourceIp"));
        Assert.False(b.Context.IsUnknown("aws:SourceIp", out _));
        // A setting changed between two roles: the later role sees it.
        plain.Context.Add(new ContextSetting("aws:SourceIp", new[] { "198.51.100.1" }, ContextType.Ip, null, PolicyCheck.Json.SourceSpan.FileStart));
        var later = new GatewayRequests(new RoleGroup("d"), plain, BuiltIn.Service, now).AssumeRole(caller, "x");
        Assert.Equal("198.51.100.1", Value(later, "aws:SourceIp"));
        Assert.Equal("2026-12-04T12:00:00Z", Value(c, "aws:CurrentTime"));
        var other = new GatewayRequests(new RoleGroup("e"), new GatewayConfig(), BuiltIn.Service, now.AddSeconds(1)).AssumeRole(caller, "x");
        Assert.Equal("2026-12-04T12:00:01Z", Value(other, "aws:CurrentTime"));
    }

    private static string? Value(EvalRequest request, string key)
        => request.Context.TryGet(key, out var v) ? v.Values.Single() : null;
}

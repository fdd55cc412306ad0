using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using PolicyCheck.Aws.Http;
using PolicyCheck.Aws.Verify;
using Xunit;

namespace PolicyCheck.Tests.Aws;

/// <summary>
/// The README's fault table, one row per test: each service (IAM, STS, Claude Platform, Portkey) behind a loopback
/// server that produces the fault, and the stage names the fault and that service's fix; never "credentials".
/// </summary>
public sealed class VerifyFaultTests
{
    public static IEnumerable<object[]> Rows()
    {
        foreach (var service in new[] { "iam", "sts", "claude", "portkey" })
            foreach (var fault in new[] { "refused", "reset", "tls", "timeout", "toolarge", "redirect", "garbled", "throttled", "servererror", "rejected" })
                yield return new object[] { service, fault };
    }

    private static readonly Dictionary<string, string> Marker = new()
    {
        ["refused"] = "refused the connection",
        ["reset"] = "reset the connection",
        ["tls"] = "TLS handshake",
        ["timeout"] = "no answer from",
        ["toolarge"] = "larger than 4 MiB",
        ["redirect"] = "redirected the request",
        ["garbled"] = "answered HTTP 200 but not",
        ["throttled"] = "throttled the request",
        ["servererror"] = "answered HTTP 503",
        ["rejected"] = "rejected the request (HTTP 400)",
    };

    private static string StageOf(string service) => service switch { "iam" => "role", "sts" => "assume", "claude" => "call", _ => "portkey" };

    private static string NameOf(string service) => service switch { "iam" => "IAM", "sts" => "STS", "claude" => "Claude Platform on AWS", _ => "Portkey" };

    private static FakeResponse Answer(string service, string fault) => (service, fault) switch
    {
        (_, "toolarge") => new FakeResponse { Body = new string('x', 5 * 1024 * 1024) },
        (_, "garbled") => new FakeResponse { ContentType = "text/html", Body = "<html><body>Welcome to the hotel network. Please log in.</body></html>" },
        ("iam" or "sts", "throttled") => FakeAws.IamError("Throttling", "Rate exceeded", 400),
        ("claude", "throttled") => new FakeResponse { Status = 429, ContentType = "application/json", Body = """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""", Headers = { ["x-amzn-errortype"] = "ThrottlingException" } },
        (_, "throttled") => new FakeResponse { Status = 429, ContentType = "application/json", Body = """{"error":{"message":"rate limited"}}""" },
        ("iam" or "sts", "servererror") => FakeAws.IamError("ServiceUnavailable", "Service is unavailable", 503),
        (_, "servererror") => new FakeResponse { Status = 503, ContentType = "application/json", Body = """{"message":"unavailable"}""" },
        ("iam" or "sts", "rejected") => FakeAws.IamError("InvalidAction", "Could not find operation for version", 400),
        ("claude", "rejected") => new FakeResponse { Status = 400, ContentType = "application/json", Body = """{"type":"error","error":{"type":"invalid_request_error","message":"model: not found"}}""" },
        _ => new FakeResponse { Status = 400, ContentType = "application/json", Body = """{"error":{"message":"invalid model"}}""" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachFault_IsNamedForTheServiceThatHadIt(string service, string fault)
    {
        using var world = new VerifyWorld();
        using var elsewhere = new FakeAws("elsewhere", VerifyWorld.Region, _ => new FakeResponse { Body = "{}" }, checkSignature: false);
        using var faulty = new FakeAws(service, VerifyWorld.Region, _ => fault == "redirect"
            ? new FakeResponse { Status = 307, Headers = { ["Location"] = elsewhere.Url + "v1/steal" } }
            : Answer(service, fault), checkSignature: false);
        using var reset = FaultServer.Resetting();
        using var silent = FaultServer.Silent();
        world.Endpoints[service] = fault switch
        {
            "refused" => FaultServer.RefusedUrl(),
            "reset" => reset.Url,
            "tls" => faulty.Url.ToString().Replace("http://", "https://", StringComparison.Ordinal),
            "timeout" => silent.Url,
            _ => faulty.Url.ToString(),
        };
        if (fault == "timeout") world.TimeoutSeconds = 1;
        var clock = Stopwatch.StartNew();
        var (exit, output, err) = world.Run("--format", "json", "--stage", StageOf(service));
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{err}");
        var stage = VerifyWorld.Stage(output, StageOf(service));
        string cause = stage.GetProperty("cause").GetString()!, fix = stage.GetProperty("fix").GetString() ?? string.Empty;
        Assert.Equal("fail", stage.GetProperty("status").GetString());
        Assert.True(cause.Contains(Marker[fault], StringComparison.Ordinal), output);
        Assert.Contains(NameOf(service), cause);
        Assert.NotEqual(string.Empty, fix);
        Assert.DoesNotContain("credentials", fix);
        // Nothing is followed to another host: no credentials, no API key go there.
        Assert.Empty(elsewhere.Requests);
        if (service == "sts")
        {
            // The identity line is a warning: the call stage does not need STS, so nothing stops.
            var identity = VerifyWorld.Stage(output, "credentials");
            Assert.Equal("warning", identity.GetProperty("status").GetString());
            Assert.Contains(Marker[fault], identity.GetProperty("cause").GetString());
        }
        if (fault == "timeout") Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), clock.Elapsed.ToString());
    }

    [Theory]
    [InlineData("InvalidClientTokenId", "The security token included in the request is invalid.", "access key is not valid")]
    [InlineData("ExpiredToken", "The security token included in the request is expired", "expired")]
    [InlineData("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", "invalid signature")]
    public void OnlyRealCredentialErrors_SayCredentials_AndStop(string code, string message, string inCause)
    {
        using var world = new VerifyWorld();
        using var sts = new FakeAws("sts", VerifyWorld.Region, _ => FakeAws.IamError(code, message, 403), checkSignature: false);
        world.Endpoints["sts"] = sts.Url.ToString();
        var (exit, output, _) = world.Run("--format", "json");
        Assert.Equal(2, exit);
        var identity = VerifyWorld.Stage(output, "credentials");
        Assert.Equal("fail", identity.GetProperty("status").GetString());
        Assert.Contains(inCause, identity.GetProperty("cause").GetString());
        Assert.Contains("credentials", identity.GetProperty("fix").GetString());
        Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("stages").EnumerateArray());
    }

    [Fact]
    public void IamAccessDenied_NamesTheReadOnlyActionsVerifyNeeds_NotTheRolesPolicy()
    {
        using var world = new VerifyWorld();
        world.IamOverride = r => r.Form.GetValueOrDefault("Action") == "GetRole"
            ? FakeAws.IamError("AccessDenied", "User: arn:aws:iam::111122223333:user/deployer is not authorized to perform: iam:GetRole on resource: role portkey-claude-platform-role", 403)
            : null;
        var (exit, output, _) = world.Run("--format", "json", "--stage", "role");
        Assert.Equal(1, exit);
        var role = VerifyWorld.Stage(output, "role");
        Assert.Contains("IAM: access denied: iam:GetRole", role.GetProperty("cause").GetString());
        Assert.Contains("give the identity running verify iam:GetRole", role.GetProperty("fix").GetString());
        Assert.DoesNotContain("permission policy", role.GetProperty("fix").GetString());
    }

    [Fact]
    public void UnreachableSts_WithStageCall_IsAWarning_AndTheCallRuns()
    {
        using var world = new VerifyWorld();
        world.Endpoints["sts"] = FaultServer.RefusedUrl();
        var (exit, output, _) = world.Run("--stage", "call");
        Assert.Equal(0, exit);
        Assert.Contains("WARNING credentials the caller could not be confirmed: STS: 127.0.0.1 refused the connection", output);
        Assert.Contains("PASS    call", output);
        Assert.Contains("1 passed, 0 failed, 1 skipped, 1 warning(s)", output);
        Assert.DoesNotContain("configure AWS credentials", output);
    }

    [Fact]
    public void StsAnsweringUnrelatedXml_NeverPassesTheIdentity()
    {
        using var world = new VerifyWorld();
        using var sts = new FakeAws("sts", VerifyWorld.Region, _ => FakeAws.Xml("<GetRoleResponse><GetRoleResult><Role/></GetRoleResult></GetRoleResponse>"), checkSignature: false);
        world.Endpoints["sts"] = sts.Url.ToString();
        var (_, output, _) = world.Run("--format", "json", "--stage", "call");
        var identity = VerifyWorld.Stage(output, "credentials");
        Assert.Equal("warning", identity.GetProperty("status").GetString());
        Assert.Contains("STS answered HTTP 200 but not an STS answer", identity.GetProperty("cause").GetString());
        Assert.DoesNotContain("calling as", output);
    }

    [Fact]
    public void StsFaults_StillWriteEveryStage_InSarif()
    {
        using var world = new VerifyWorld();
        using var sts = new FakeAws("sts", VerifyWorld.Region, _ => FakeAws.Xml("<<<garbled"), checkSignature: false);
        world.Endpoints["sts"] = sts.Url.ToString();
        var (exit, output, err) = world.Run("--format", "sarif", "--stage", "assume");
        Assert.Equal(1, exit);
        Assert.DoesNotContain("verify stopped", err);
        var results = JsonDocument.Parse(output).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "verify/credentials" && r.GetProperty("level").GetString() == "warning");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "verify/assume" && r.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public void SimulatorWithNoResults_IsNotAPass()
    {
        using var world = new VerifyWorld();
        world.IamOverride = r => r.Form.GetValueOrDefault("Action") == "SimulatePrincipalPolicy"
            ? FakeAws.Xml("<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults/><IsTruncated>false</IsTruncated></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>")
            : null;
        var (exit, output, _) = world.Run("--format", "json", "--stage", "simulate");
        Assert.Equal(1, exit);
        Assert.Contains("answered 0 result(s) for 2 action(s)", VerifyWorld.Stage(output, "simulate").GetProperty("cause").GetString());
    }

    [Fact]
    public void SimulatorWithAnUnknownDecision_IsNotAPass()
    {
        using var world = new VerifyWorld { SimulateDecision = _ => "maybe" };
        var (exit, output, _) = world.Run("--format", "json", "--stage", "simulate");
        Assert.Equal(1, exit);
        Assert.Contains("decision 'maybe'", VerifyWorld.Stage(output, "simulate").GetProperty("cause").GetString());
    }

    [Theory]
    [InlineData(false, """{"input_tokens":"lots"}""")]
    [InlineData(false, """{"type":"message"}""")]
    [InlineData(true, """{"input_tokens":8}""")]
    [InlineData(true, "[]")]
    public void ClaudeSuccessWithTheWrongShape_IsNotAPass(bool inference, string body)
    {
        using var world = new VerifyWorld();
        world.ClaudeOverride = _ => new FakeResponse { ContentType = "application/json", Body = body };
        var (exit, output, _) = world.Run(inference ? new[] { "--format", "json", "--stage", "call", "--inference" } : new[] { "--format", "json", "--stage", "call" });
        Assert.Equal(1, exit);
        Assert.Contains("answered HTTP 200 but not", VerifyWorld.Stage(output, "call").GetProperty("cause").GetString());
    }

    [Fact]
    public void ErrorBodies_AreMaskedBeforeTheyAreCut_AndEncodedEchoesAreMasked()
    {
        using var world = new VerifyWorld();
        // The session token starts at character 190: a cut at 200 keeps its first 10 characters.
        string pad = new string('.', 190);
        string echo = pad + FakeAws.SessionToken + " " + Uri.EscapeDataString(VerifyWorld.PortkeyKey) + " "
            + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FakeAws.SessionToken));
        world.ClaudeOverride = _ => new FakeResponse { Status = 400, ContentType = "application/json", Body = echo };
        world.PortkeyOverride = _ => new FakeResponse { Status = 400, ContentType = "application/json", Body = pad + VerifyWorld.PortkeyKey };
        foreach (var format in new[] { "text", "json", "sarif" })
        {
            var (exit, output, err) = world.Run("--format", format, "--stage", "call", "--stage", "portkey");
            Assert.Equal(1, exit);
            string all = output + err;
            Assert.DoesNotContain(FakeAws.SessionToken.Substring(0, 10), all);
            Assert.DoesNotContain(VerifyWorld.PortkeyKey.Substring(0, 10), all);
            Assert.DoesNotContain(Uri.EscapeDataString(VerifyWorld.PortkeyKey), all);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FakeAws.SessionToken)).Substring(0, 16), all);
        }
    }

    [Fact]
    public async Task Dns_AFailedLookupIsNamedAsDns()
    {
        // The system resolver is stood in (no test touches the network); the HTTP stack and the classifier are real.
        using var http = Transport.CreateHttpClient((host, _) => throw new SocketException((int)SocketError.HostNotFound));
        var caller = new AwsCaller(http, () => new ImmutableCredentials(FakeAws.AccessKey, FakeAws.SecretKey, null));
        var url = new Uri("https://aws-external-anthropic.us-west-9.api.aws/v1/messages/count_tokens");
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => caller.SendAsync(HttpMethod.Post, url, "us-west-9", "aws-external-anthropic",
            Array.Empty<KeyValuePair<string, string>>(), new byte[] { 1 }, "application/json", DateTime.UtcNow.AddSeconds(5), CancellationToken.None));
        Assert.Equal(FaultKind.Dns, ex.Kind);
        var (cause, fix) = Diagnosis.Transport(Upstream.Claude, ex.Kind, ex.Host);
        Assert.Equal("Claude Platform on AWS: cannot resolve aws-external-anthropic.us-west-9.api.aws", cause);
        Assert.Contains("--region", fix);
    }

    [Fact]
    public async Task ABodyWithoutLength_IsCutAtTheCap_NotReadToTheEnd()
    {
        using var server = new FakeAws("iam", "us-east-1", _ => new FakeResponse { Body = new string('x', 6 * 1024 * 1024), Chunked = true }, checkSignature: false);
        using var http = Transport.CreateHttpClient();
        // Chunked (no Content-Length) is read through the capped stream.
        using var reply = await http.GetAsync(server.Url, HttpCompletionOption.ResponseHeadersRead);
        using var body = await reply.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        var ex = await Assert.ThrowsAsync<ResponseTooLargeException>(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) total += n;
        });
        Assert.InRange(total, 1, Transport.MaxResponseBytes);
        Assert.Equal(FaultKind.TooLarge, Transport.Classify(new HttpRequestException("copy", ex)));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Aws;

/// <summary>Fake IAM, STS, Claude Platform and Portkey on 127.0.0.1, healthy by default; tests change one behaviour.</summary>
public sealed class VerifyWorld : IDisposable
{
    public const string Account = "111122223333";
    public const string RoleArn = "arn:aws:iam::111122223333:role/portkey-claude-platform-role";
    public const string Region = "us-west-2";
    public const string Workspace = "wrkspc_01AbCdEf23GhIj";
    public const string ExternalId = "pk-ext-7f3a9c2e-SECRETID";
    public const string PortkeyKey = "pk-live-PORTKEYSECRETKEY0123456789";

    public string TrustPolicy { get; set; } = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + ExternalId + "\"}}}]}";
    public string PermissionPolicy { get; set; } = """{"Version":"2012-10-17","Statement":[{"Sid":"Claude","Effect":"Allow","Action":["aws-external-anthropic:CreateInference","aws-external-anthropic:CountTokens"],"Resource":"arn:aws:aws-external-anthropic:*:*:workspace/*"}]}""";
    public Func<string, string> SimulateDecision { get; set; } = _ => "allowed";
    public int SimulatePageSize { get; set; } = 100;
    public Func<FakeRequest, FakeResponse?> IamOverride { get; set; } = _ => null;
    public Func<FakeRequest, FakeResponse?> ClaudeOverride { get; set; } = _ => null;
    public Func<FakeRequest, FakeResponse?> PortkeyOverride { get; set; } = _ => null;
    public Func<string?, bool> AssumeAllowed { get; set; } = id => id == ExternalId;

    public FakeAws Iam { get; }
    public FakeAws Sts { get; }
    public FakeAws Claude { get; }
    public FakeAws Portkey { get; }

    public VerifyWorld()
    {
        Iam = new FakeAws("iam", "us-east-1", r => IamOverride(r) ?? IamHandle(r));
        Sts = new FakeAws("sts", Region, StsHandle);
        Claude = new FakeAws("aws-external-anthropic", Region, r => ClaudeOverride(r) ?? ClaudeHandle(r));
        Portkey = new FakeAws("portkey", Region, r => PortkeyOverride(r) ?? PortkeyHandle(r), checkSignature: false);
    }

    public Dictionary<string, string?> Env { get; } = new()
    {
        ["AWS_ACCESS_KEY_ID"] = FakeAws.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = FakeAws.SecretKey,
        ["AWS_SESSION_TOKEN"] = FakeAws.SessionToken,
        ["PORTKEY_API_KEY"] = PortkeyKey,
    };

    /// <summary>Endpoints to use instead of the healthy fakes (iam, sts, claude, portkey → URL).</summary>
    public Dictionary<string, string> Endpoints { get; } = new();
    public int TimeoutSeconds { get; set; } = 10;

    public string[] Args(params string[] extra)
    {
        var args = new List<string>
        {
            "verify", "--role-arn", RoleArn, "--region", Region, "--workspace", Workspace, "--external-id", ExternalId,
            "--portkey-api-key-env", "PORTKEY_API_KEY", "--timeout", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, fake) in new[] { ("iam", Iam), ("sts", Sts), ("claude", Claude), ("portkey", Portkey) })
        {
            args.Add("--endpoint-url");
            args.Add(name + "=" + (Endpoints.TryGetValue(name, out var url) ? url : fake.Url.ToString()));
        }
        args.AddRange(extra);
        return args.ToArray();
    }

    public (int Exit, string Out, string Err) Run(params string[] extra)
    {
        using var dir = new TempDir();
        var result = CliRunner.Run(Args(extra), name => Env.TryGetValue(name, out var v) ? v : null, cwd: dir.Path);
        AssertNoSecrets(result.Out + result.Err);
        return result;
    }

    public static void AssertNoSecrets(string text)
    {
        foreach (var secret in new[] { FakeAws.SecretKey, FakeAws.SessionToken, PortkeyKey, ExternalId, "ASSUMEDSECRET", "ASSUMEDTOKEN" })
            Assert.DoesNotContain(secret, text);
    }

    public static JsonElement Stage(string json, string name)
        => JsonDocument.Parse(json).RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private FakeResponse IamHandle(FakeRequest r)
    {
        string action = r.Form.GetValueOrDefault("Action") ?? string.Empty;
        if (r.Form.GetValueOrDefault("Version") != "2010-05-08") return FakeAws.IamError("InvalidInput", "bad Version", 400);
        string Wrap(string inner) => $"<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{inner}</{action}Result><ResponseMetadata><RequestId>iam-{action}</RequestId></ResponseMetadata></{action}Response>";
        switch (action)
        {
            case "GetRole":
                return FakeAws.Xml(Wrap($"<Role><Path>/</Path><RoleName>{r.Form["RoleName"]}</RoleName><RoleId>AROA1</RoleId><Arn>{RoleArn}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>{Uri.EscapeDataString(TrustPolicy)}</AssumeRolePolicyDocument></Role>"));
            case "ListRolePolicies":
                return FakeAws.Xml(Wrap("<PolicyNames><member>ClaudeAccess</member></PolicyNames><IsTruncated>false</IsTruncated>"));
            case "GetRolePolicy":
                return FakeAws.Xml(Wrap($"<RoleName>{r.Form["RoleName"]}</RoleName><PolicyName>{r.Form["PolicyName"]}</PolicyName><PolicyDocument>{Uri.EscapeDataString(PermissionPolicy)}</PolicyDocument>"));
            case "ListAttachedRolePolicies":
                return FakeAws.Xml(Wrap("<AttachedPolicies/><IsTruncated>false</IsTruncated>"));
            case "SimulatePrincipalPolicy":
            {
                var actions = r.Form.Where(kv => kv.Key.StartsWith("ActionNames.member.", StringComparison.Ordinal)).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
                int start = r.Form.TryGetValue("Marker", out var m) ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var page = actions.Skip(start).Take(SimulatePageSize).ToList();
                bool more = start + page.Count < actions.Count;
                string results = string.Concat(page.Select(a => $"<member><EvalActionName>{a}</EvalActionName><EvalResourceName>{r.Form.GetValueOrDefault("ResourceArns.member.1")}</EvalResourceName><EvalDecision>{SimulateDecision(a)}</EvalDecision><MatchedStatements/></member>"));
                return FakeAws.Xml(Wrap($"<EvaluationResults>{results}</EvaluationResults><IsTruncated>{(more ? "true" : "false")}</IsTruncated>{(more ? $"<Marker>{start + page.Count}</Marker>" : string.Empty)}"));
            }
            case "GetOutboundWebIdentityFederationInfo":
                return FakeAws.Xml(Wrap("<IssuerIdentifier>https://abc.tokens.sts.global.api.aws</IssuerIdentifier><JwtVendingEnabled>true</JwtVendingEnabled>"));
            default:
                return FakeAws.IamError("InvalidAction", "unknown action " + action, 400);
        }
    }

    private FakeResponse StsHandle(FakeRequest r)
    {
        string action = r.Form.GetValueOrDefault("Action") ?? string.Empty;
        switch (action)
        {
            case "GetCallerIdentity":
                return FakeAws.Xml("""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>sts-gci</RequestId></ResponseMetadata></GetCallerIdentityResponse>""");
            case "AssumeRole":
            {
                string? id = r.Form.GetValueOrDefault("ExternalId");
                if (!AssumeAllowed(id))
                    return FakeAws.Xml("""<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/deployer is not authorized to perform: sts:AssumeRole on resource: """ + RoleArn + "</Message></Error><RequestId>sts-denied</RequestId></ErrorResponse>", 403, "sts-denied");
                string key = "ASIAASSUMED" + (id == null ? "NOID" : id == ExternalId ? "RIGHT" : "WRONG");
                Claude.Keys[key] = ("ASSUMEDSECRET" + key, "ASSUMEDTOKEN" + key);
                return FakeAws.Xml($"<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>ASSUMEDSECRET{key}</SecretAccessKey><SessionToken>ASSUMEDTOKEN{key}</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA1:policycheck-verify</AssumedRoleId><Arn>arn:aws:sts::111122223333:assumed-role/portkey-claude-platform-role/policycheck-verify</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>sts-ar</RequestId></ResponseMetadata></AssumeRoleResponse>");
            }
            default:
                return FakeAws.Xml("<ErrorResponse><Error><Code>InvalidAction</Code><Message>unexpected " + action + " " + r.Headers.GetValueOrDefault("Content-Type") + " " + r.Headers.GetValueOrDefault("X-Amz-Target") + "</Message></Error></ErrorResponse>", 400);
        }
    }

    private static FakeResponse ClaudeHandle(FakeRequest r)
    {
        if (r.Headers.GetValueOrDefault("anthropic-version") != "2023-06-01" || r.Headers.GetValueOrDefault("anthropic-workspace-id") != Workspace)
            return new FakeResponse { Status = 400, ContentType = "application/json", Body = """{"type":"error","error":{"type":"invalid_request_error","message":"missing headers"}}""" };
        if (!r.SignedHeaders.Contains("anthropic-workspace-id") || !r.SignedHeaders.Contains("x-amz-security-token"))
            return new FakeResponse { Status = 403, ContentType = "application/json", Body = """{"message":"headers not signed"}""" };
        string body = r.Path.EndsWith("/count_tokens", StringComparison.Ordinal) ? """{"input_tokens":8}""" : """{"id":"msg_1","type":"message","content":[{"type":"text","text":"p"}],"usage":{"input_tokens":8,"output_tokens":1}}""";
        return new FakeResponse { ContentType = "application/json", Body = body, Headers = { ["request-id"] = "req_claude_1", ["x-amzn-RequestId"] = "amzn-claude-1" } };
    }

    private static FakeResponse PortkeyHandle(FakeRequest r)
    {
        if (r.Headers.GetValueOrDefault("x-portkey-api-key") != PortkeyKey)
            return new FakeResponse { Status = 401, ContentType = "application/json", Body = """{"error":{"message":"Invalid API Key"}}""" };
        if (r.Path != "/v1/chat/completions" || !r.Body.Contains("\"max_tokens\":1", StringComparison.Ordinal) || !r.Body.Contains("\"model\":\"@", StringComparison.Ordinal))
            return new FakeResponse { Status = 400, ContentType = "application/json", Body = """{"error":{"message":"bad request"}}""" };
        return new FakeResponse { ContentType = "application/json", Body = """{"id":"chatcmpl-1","choices":[{"message":{"role":"assistant","content":"H"}}]}""", Headers = { ["x-portkey-trace-id"] = "pk-trace-1" } };
    }

    public void Dispose()
    {
        Iam.Dispose();
        Sts.Dispose();
        Claude.Dispose();
        Portkey.Dispose();
    }
}

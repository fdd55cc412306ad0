using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using PolicyCheck.Aws.Http;
using PolicyCheck.Aws.Iam;
using PolicyCheck.Aws.Sts;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using PolicyCheck.Secrets;

namespace PolicyCheck.Aws.Verify;

public sealed class VerifyOptions
{
    public static readonly string[] StageNames = { "role", "simulate", "federation", "assume", "call", "portkey" };

    public string? RoleArn { get; set; }
    public string? Region { get; set; }
    public string? Workspace { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>Stages asked for with --stage; empty means every stage whose inputs are present.</summary>
    public HashSet<string> Stages { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public bool Inference { get; set; }
    public string? PortkeyApiKey { get; set; }
    public string PortkeyModel { get; set; } = "@claude-platform-aws-provider/claude-sonnet-4-6";
    public string Model { get; set; } = "claude-sonnet-4-6";
    public Uri? ClaudeEndpoint { get; set; }
    public Uri PortkeyEndpoint { get; set; } = new Uri("https://api.portkey.ai/");
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public GatewayConfig Config { get; set; } = new GatewayConfig();

    public bool Wants(string stage) => Stages.Count == 0 ? stage != "assume" : Stages.Contains(stage);
    public bool Explicit(string stage) => Stages.Contains(stage);
}

/// <summary>The checks a careful engineer runs before deploying, each mapped to its cause and fix.</summary>
public sealed class Verifier
{
    private readonly VerifyOptions _o;
    private readonly IIamClient _iam;
    private readonly IStsClient _sts;
    private readonly Func<ImmutableCredentials> _credentials;
    private readonly Func<Func<ImmutableCredentials>, AwsCaller> _callerFor;
    private readonly HttpClient _http;
    private readonly DateTime _deadline;

    public Verifier(VerifyOptions options, IIamClient iam, IStsClient sts, Func<ImmutableCredentials> credentials,
        Func<Func<ImmutableCredentials>, AwsCaller> callerFor, HttpClient http, SecretMask redactor)
    {
        _o = options;
        _iam = iam;
        _sts = sts;
        _credentials = credentials;
        _callerFor = callerFor;
        _http = http;
        Redactor = redactor;
        _deadline = DateTime.UtcNow + options.Timeout;
        redactor.Add(options.ExternalId);
        redactor.Add(options.PortkeyApiKey);
    }

    public SecretMask Redactor { get; }
    public string? CallerArn { get; private set; }

    private static ServiceFacts Facts => BuiltIn.Service;
    private static readonly string[] True = { "true" };

    public static string RoleName(string roleArn)
    {
        var arn = Arn.TryParse(roleArn);
        string resource = arn?.Resource ?? roleArn;
        int slash = resource.LastIndexOf('/');
        return slash >= 0 ? resource.Substring(slash + 1) : resource;
    }

    public string? WorkspaceArn()
    {
        if (_o.Region == null || _o.Workspace == null || _o.RoleArn == null) return null;
        var role = Arn.TryParse(_o.RoleArn);
        if (role == null) return null;
        return $"arn:{role.Partition}:{Facts.Namespace}:{_o.Region}:{role.Account}:workspace/{_o.Workspace}";
    }

    /// <summary>
    /// Runs the stages. The first result is "credentials": a credential error stops the run (nothing else can
    /// pass); any other STS fault is a warning there, and only the stages that need STS fail on it.
    /// </summary>
    public async Task<List<StageResult>> RunAsync(CancellationToken cancel)
    {
        var results = new List<StageResult>();
        var identity = await IdentityStage(cancel).ConfigureAwait(false);
        results.Add(identity);
        if (identity.Status == StageStatus.Fail) return results;

        RoleGroup? role = null;
        if (_o.Wants("role")) results.Add(await Stage("role", Upstream.Iam, async () => { var (r, res) = await RoleStage(cancel).ConfigureAwait(false); role = r; return res; }).ConfigureAwait(false));
        if (_o.Wants("simulate")) results.Add(await Stage("simulate", Upstream.Iam, () => SimulateStage(role, cancel)).ConfigureAwait(false));
        if (_o.Wants("federation")) results.Add(await Stage("federation", Upstream.Iam, () => FederationStage(cancel)).ConfigureAwait(false));
        ImmutableCredentials? assumed = null;
        if (_o.Wants("assume")) results.Add(await Stage("assume", Upstream.Sts, async () => { var (c, res) = await AssumeStage(cancel).ConfigureAwait(false); assumed = c; return res; }).ConfigureAwait(false));
        else results.Add(new StageResult("assume", StageStatus.Skipped, "not asked for: run with --stage assume from the gateway's principal (self-hosted gateways or a test principal)"));
        if (_o.Wants("call")) results.Add(await Stage("call", Upstream.Claude, () => CallStage(assumed, cancel)).ConfigureAwait(false));
        if (_o.Wants("portkey")) results.Add(await Stage("portkey", Upstream.Portkey, () => PortkeyStage(cancel)).ConfigureAwait(false));
        foreach (var r in results) Redact(r);
        return results;
    }

    private async Task<StageResult> IdentityStage(CancellationToken cancel)
    {
        const string name = "credentials";
        try
        {
            var creds = _credentials();
            Redactor.Add(creds.SecretKey);
            Redactor.Add(creds.Token);
            var (arn, account) = await _sts.GetCallerIdentityAsync(cancel).ConfigureAwait(false);
            CallerArn = arn;
            return new StageResult(name, StageStatus.Pass, $"calling as {arn} (account {account})");
        }
        catch (StsException ex) when (Diagnosis.IsCredentialError(ex.Code))
        {
            var (cause, fix) = Diagnosis.Explain(Upstream.Sts, ex.Status, ex.Code, Redactor.Apply(ex.Detail), _o.Region ?? "us-east-1", null);
            return new StageResult(name, StageStatus.Fail, Redactor.Apply(cause), Redactor.Apply(fix), ex.RequestId);
        }
        catch (AmazonClientException ex) when (Http.Transport.Classify(ex) == FaultKind.Connection)
        {
            return new StageResult(name, StageStatus.Fail, Redactor.Apply("no usable AWS credentials: " + ex.Message),
                "configure AWS credentials: --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO or instance credentials");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && cancel.IsCancellationRequested))
        {
            var (cause, fix, requestId) = Fault(Upstream.Sts, ex);
            var warn = new StageResult(name, StageStatus.Warn, $"the caller could not be confirmed: {cause}", fix, requestId);
            warn.Details.Add(_o.Wants("assume") ? "the assume stage needs STS and reports its own result" : "no stage asked for needs STS; the others run");
            return warn;
        }
    }

    /// <summary>Cause, fix and request ID of any failure while talking to <paramref name="u"/>, masked before it is cut.</summary>
    private (string Cause, string Fix, string? RequestId) Fault(Upstream u, Exception ex)
    {
        (string Cause, string Fix) text;
        string? requestId = null;
        switch (ex)
        {
            case AwsTransportException t:
                text = Diagnosis.Transport(u, t.Kind, t.Host);
                break;
            case AwsServiceException s when s.Code == "MalformedResponse":
                text = Diagnosis.Garbled(u, s.Status, $"an {Diagnosis.Name(u)} answer", Redactor.Apply(s.Detail));
                requestId = s.RequestId;
                break;
            case AwsServiceException s:
                text = Diagnosis.Explain(u, s.Status, s.Code, Redactor.Apply(s.Detail), u == Upstream.Iam ? "us-east-1" : _o.Region ?? "us-east-1", _o.RoleArn);
                if (s.Code == "NoSuchEntity") text = ($"IAM: {Redactor.Apply(s.Detail)}", "check --role-arn (the role name and account)");
                requestId = s.RequestId;
                break;
            default:
                text = Diagnosis.Transport(u, Http.Transport.Classify(ex), HostOf(u));
                break;
        }
        return (Redactor.Apply(text.Cause), Redactor.Apply(text.Fix), requestId);
    }

    private string HostOf(Upstream u) => u switch
    {
        Upstream.Claude => (_o.ClaudeEndpoint ?? new Uri($"https://aws-external-anthropic.{_o.Region}.api.aws/")).Host,
        Upstream.Portkey => _o.PortkeyEndpoint.Host,
        _ => Diagnosis.Name(u),
    };

    private void Redact(StageResult r)
    {
        for (int i = 0; i < r.Details.Count; i++) r.Details[i] = Redactor.Apply(r.Details[i]);
    }

    /// <summary>Runs one stage; whatever goes wrong becomes that stage's failure, so every stage result is written.</summary>
    private async Task<StageResult> Stage(string name, Upstream u, Func<Task<StageResult>> run)
    {
        try
        {
            var r = await run().ConfigureAwait(false);
            return new StageResult(r.Name, r.Status, Redactor.Apply(r.Cause), r.Fix == null ? null : Redactor.Apply(r.Fix), r.RequestId) { }.With(r.Details);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (cause, fix, requestId) = Fault(u, ex);
            var failed = new StageResult(name, StageStatus.Fail, cause, fix, requestId);
            if (ex is AwsTransportException t) failed.Details.Add(Redactor.Apply(Diagnosis.Short(t.Message)));
            return failed;
        }
    }

    private async Task<(RoleGroup?, StageResult)> RoleStage(CancellationToken cancel)
    {
        if (_o.RoleArn == null) return (null, new StageResult("role", StageStatus.Skipped, "no role ARN: give --role-arn or gateway.roleArn"));
        var role = await FetchRole(cancel).ConfigureAwait(false);
        var engine = LintEngine.CreateDefault(Inputs.EmbeddedCatalog.Load);
        var config = ConfigForRole();
        var found = engine.Lint(new[] { role }, config);
        var errors = found.Where(d => d.Severity == Severity.Error && !d.IsSuppressed).ToList();
        var result = errors.Count == 0
            ? new StageResult("role", StageStatus.Pass, $"{_o.RoleArn}: {role.Documents.Count} policy document(s) fetched, no error findings ({found.Count} other finding(s))")
            : new StageResult("role", StageStatus.Fail, $"{_o.RoleArn}: {errors.Count} error finding(s); first: {errors[0].RuleId} {errors[0].Message}", errors[0].Fix);
        foreach (var d in found) result.Details.Add($"{d.Path}({d.Span.Line},{d.Span.Column}): {RuleIndex.SeverityName(d.Severity)} {d.RuleId}: {d.Message}");
        return (role, result);
    }

    private GatewayConfig ConfigForRole()
    {
        var c = _o.Config;
        var role = _o.RoleArn != null ? Arn.TryParse(_o.RoleArn) : null;
        if (c.Region == null && _o.Region != null) c.Region = new Located<string>(_o.Region, null, default);
        if (c.Workspace == null && _o.Workspace != null) c.Workspace = new Located<string>(_o.Workspace, null, default);
        if (c.Account == null && role != null) c.Account = new Located<string>(role.Account, null, default);
        if (c.ExternalIdValue == null && _o.ExternalId != null) c.ExternalIdValue = new Located<string>(_o.ExternalId, null, default);
        return c;
    }

    /// <summary>The live role's trust policy, inline and attached policies, read into the model.</summary>
    public async Task<RoleGroup> FetchRole(CancellationToken cancel)
    {
        string name = RoleName(_o.RoleArn!);
        var iamRole = await _iam.GetRoleAsync(name, cancel).ConfigureAwait(false);
        var role = new RoleGroup(name);
        role.Documents.Add(PolicyReader.Read($"iam:role/{name}/trust-policy", iamRole.AssumeRolePolicyDocument, DocumentKind.Trust));
        foreach (var policy in await _iam.ListRolePoliciesAsync(name, cancel).ConfigureAwait(false))
        {
            string doc = await _iam.GetRolePolicyAsync(name, policy, cancel).ConfigureAwait(false);
            role.Documents.Add(PolicyReader.Read($"iam:role/{name}/inline/{policy}", doc, DocumentKind.Permission));
        }
        foreach (var attached in await _iam.ListAttachedRolePoliciesAsync(name, cancel).ConfigureAwait(false))
        {
            var info = await _iam.GetPolicyAsync(attached.PolicyArn, cancel).ConfigureAwait(false);
            string doc = await _iam.GetPolicyVersionAsync(attached.PolicyArn, info.DefaultVersionId, cancel).ConfigureAwait(false);
            role.Documents.Add(PolicyReader.Read($"iam:{attached.PolicyArn}", doc, DocumentKind.Permission));
        }
        return role;
    }

    private async Task<StageResult> SimulateStage(RoleGroup? role, CancellationToken cancel)
    {
        string? workspaceArn = WorkspaceArn();
        if (workspaceArn == null) return new StageResult("simulate", StageStatus.Skipped, "needs --role-arn, --region and --workspace");
        role ??= await FetchRole(cancel).ConfigureAwait(false);
        var actions = Access.RequiredActions(ConfigForRole(), Facts);
        var byResource = new Dictionary<string, List<string>>();
        foreach (var a in actions)
        {
            var fact = Facts.FindAction(a);
            string resource = fact != null && fact.Scope == ResourceScope.Account ? "*" : workspaceArn;
            if (!byResource.TryGetValue(resource, out var list)) byResource[resource] = list = new List<string>();
            list.Add(Facts.Qualified(a));
        }
        var context = new List<(string, string, IReadOnlyList<string>)>
        {
            ("aws:SecureTransport", "boolean", True),
            ("aws:RequestedRegion", "string", new[] { _o.Region! }),
        };
        var outcomes = new List<SimulationOutcome>();
        foreach (var kv in byResource)
        {
            for (int i = 0; i < kv.Value.Count; i += 100)
            {
                outcomes.AddRange(await _iam.SimulatePrincipalPolicyAsync(new SimulationRequest
                {
                    PolicySourceArn = _o.RoleArn,
                    ActionNames = kv.Value.Skip(i).Take(100).ToList(),
                    ResourceArns = new[] { kv.Key },
                    ContextEntries = context,
                }, cancel).ConfigureAwait(false));
            }
        }
        int asked = byResource.Sum(kv => kv.Value.Count);
        var unknown = outcomes.Where(o => o.Decision is not ("allowed" or "explicitDeny" or "implicitDeny")).ToList();
        if (outcomes.Count != asked || unknown.Count > 0)
            return new StageResult("simulate", StageStatus.Fail, outcomes.Count != asked
                    ? $"AWS's simulator answered {outcomes.Count} result(s) for {asked} action(s): no decision for the rest, so nothing is proven"
                    : $"AWS's simulator answered decision '{unknown[0].Decision}' for {unknown[0].Action}, which is not allowed, explicitDeny or implicitDeny",
                "check --endpoint-url iam=URL (the answer is not a whole SimulatePrincipalPolicy answer), and run verify again");
        // The local evaluator on the same documents, for each action.
        var set = GatewayRequests.Permissions(role);
        var gateway = new GatewayRequests(role, ConfigForRole(), Facts);
        var failures = new List<string>();
        var details = new List<string>();
        string? fix = null;
        foreach (var o in outcomes)
        {
            string action = o.Action.Contains(':', StringComparison.Ordinal) ? o.Action.Substring(o.Action.IndexOf(':') + 1) : o.Action;
            // The same request the simulator evaluates: keys it was not given are missing, not unknown.
            var call = gateway.Call(action);
            var local = Proofs.DecisionName(Evaluator.Decide(set, new EvalRequest(call.Action, call.Resource, call.Principal, call.Context.WithoutUnknowns())));
            details.Add($"{o.Action} on {o.Resource}: AWS {o.Decision}, local {local}");
            if (!string.Equals(o.Decision, "allowed", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"AWS's simulator says {o.Action} is {o.Decision}" + (local == "allowed" ? " while the role's own policies allow it: a permissions boundary, SCP or session policy PolicyCheck did not see blocks it" : string.Empty));
                fix ??= local == "allowed"
                    ? "check the role's permissions boundary and the organization's SCPs for a Deny or a missing Allow of " + o.Action
                    : $"allow {o.Action} on {o.Resource} in the role's permission policy (see PC2002/PC2007)";
            }
            else if (local != "allowed")
            {
                failures.Add($"AWS allows {o.Action} but PolicyCheck's evaluator says {local}: the two disagree");
                fix ??= "report the disagreement with the role's policies; AWS's decision is the one that counts";
            }
        }
        var result = failures.Count == 0
            ? new StageResult("simulate", StageStatus.Pass, $"AWS's simulator and the local evaluator allow all {outcomes.Count} action(s) on {workspaceArn}")
            : new StageResult("simulate", StageStatus.Fail, string.Join("; ", failures), fix);
        result.Details.AddRange(details);
        return result;
    }

    private async Task<StageResult> FederationStage(CancellationToken cancel)
    {
        try
        {
            var info = await _iam.GetOutboundWebIdentityFederationInfoAsync(cancel).ConfigureAwait(false);
            if (info.Enabled) return new StageResult("federation", StageStatus.Pass, $"outbound web identity federation is enabled (issuer {info.IssuerIdentifier})");
            return new StageResult("federation", StageStatus.Fail, "Outbound web identity federation is disabled on the AWS account", "run `aws iam enable-outbound-web-identity-federation`");
        }
        catch (IamException ex) when (ex.Code == "FeatureDisabled")
        {
            return new StageResult("federation", StageStatus.Fail, "Outbound web identity federation is disabled on the AWS account", "run `aws iam enable-outbound-web-identity-federation`", ex.RequestId);
        }
    }

    private async Task<(ImmutableCredentials?, StageResult)> AssumeStage(CancellationToken cancel)
    {
        if (_o.RoleArn == null) return (null, new StageResult("assume", StageStatus.Skipped, "needs --role-arn"));
        ImmutableCredentials assumed;
        try
        {
            assumed = await _sts.AssumeRoleAsync(_o.RoleArn, _o.ExternalId, cancel).ConfigureAwait(false);
        }
        catch (StsException ex) when (Refused(ex))
        {
            var (cause, fix) = Diagnosis.Explain(Upstream.Sts, ex.Status, ex.Code, Redactor.Apply(ex.Detail) + " sts:AssumeRole", _o.Region ?? "us-east-1", _o.RoleArn);
            return (null, new StageResult("assume", StageStatus.Fail, $"AssumeRole {(_o.ExternalId != null ? "with the configured external ID" : "without an external ID")} failed: {cause}", fix, ex.RequestId));
        }
        Redactor.Add(assumed.SecretKey);
        Redactor.Add(assumed.Token);
        var letIn = new List<string>();
        if (_o.ExternalId != null)
        {
            foreach (var (label, id) in new[] { ("a wrong external ID", _o.ExternalId + "-wrong"), ("no external ID", (string?)null) })
            {
                try
                {
                    var other = await _sts.AssumeRoleAsync(_o.RoleArn, id, cancel).ConfigureAwait(false);
                    Redactor.Add(other.SecretKey);
                    Redactor.Add(other.Token);
                    letIn.Add(label);
                }
                catch (StsException ex) when (Refused(ex))
                {
                    // Refused, as it must be. Any other fault is no answer, and fails the stage.
                }
            }
        }
        if (letIn.Count > 0)
            return (assumed, new StageResult("assume", StageStatus.Fail, $"AssumeRole also succeeded with {string.Join(" and with ", letIn)}: the sts:ExternalId condition does not protect the role",
                "require the external ID with \"StringEquals\": {\"sts:ExternalId\": \"…\"} in the trust policy (see PC3005, PC3006, PC3012)"));
        return (assumed, new StageResult("assume", StageStatus.Pass, _o.ExternalId != null
            ? "AssumeRole succeeds with the configured external ID and fails with a wrong one and without one"
            : "AssumeRole succeeds (no external ID configured)"));
    }

    /// <summary>STS said no to this AssumeRole (as opposed to failing to answer it).</summary>
    private static bool Refused(StsException ex) => ex.Status == 403 || ex.Code == "AccessDenied";

    private async Task<StageResult> CallStage(ImmutableCredentials? assumed, CancellationToken cancel)
    {
        if (_o.Region == null || _o.Workspace == null) return new StageResult("call", StageStatus.Skipped, "needs --region and --workspace");
        var endpoint = _o.ClaudeEndpoint ?? new Uri($"https://aws-external-anthropic.{_o.Region}.api.aws/");
        string path = _o.Inference ? "v1/messages" : "v1/messages/count_tokens";
        var url = new Uri(endpoint, path);
        byte[] body = MessageBody(_o.Model, "ping", _o.Inference ? 1 : null);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("anthropic-version", "2023-06-01"),
            new("anthropic-workspace-id", _o.Workspace),
        };
        var caller = _callerFor(assumed != null ? () => assumed : _credentials);
        var response = await caller.SendAsync(HttpMethod.Post, url, _o.Region, Facts.SigningName, headers, body, "application/json", _deadline, cancel).ConfigureAwait(false);
        string who = assumed != null ? _o.RoleArn! : CallerArn ?? "the caller";
        // Say what was sent: count_tokens costs nothing; --inference is a billed 1-token message.
        string sent = _o.Inference
            ? $"sent: POST {url.AbsolutePath} with model {_o.Model}, one user message \"ping\", max_tokens 1 (billed: one output token)"
            : $"sent: POST {url.AbsolutePath} with model {_o.Model} and one user message \"ping\" (token counting is free)";
        if (response.IsSuccess && !(_o.Inference ? LooksLike(response.Body, "type", JsonValueKind.String, "message") : LooksLike(response.Body, "input_tokens", JsonValueKind.Number)))
        {
            var (junk, junkFix) = Diagnosis.Garbled(Upstream.Claude, response.Status, _o.Inference ? "a message" : "a token count", Redactor.Apply(response.Body));
            var garbled = new StageResult("call", StageStatus.Fail, junk, junkFix, response.RequestId);
            garbled.Details.Add(sent);
            return garbled;
        }
        if (response.IsSuccess)
        {
            string what = _o.Inference ? "POST /v1/messages (max_tokens 1)" : "POST /v1/messages/count_tokens";
            var ok = new StageResult("call", StageStatus.Pass, $"{what} as {who}: HTTP {response.Status}", null, response.RequestId);
            ok.Details.Add(sent);
            ok.Details.Add(Diagnosis.Short(Redactor.Apply(response.Body)));
            return ok;
        }
        string masked = Redactor.Apply(response.Body);
        var (cause, fix) = Diagnosis.Explain(Upstream.Claude, response.Status, response.ErrorType, masked, _o.Region, who);
        var failed = new StageResult("call", StageStatus.Fail, cause, fix, response.RequestId);
        failed.Details.Add(sent);
        failed.Details.Add($"HTTP {response.Status} {response.ErrorType}: {Diagnosis.Short(masked)}");
        return failed;
    }

    /// <summary>A JSON object with <paramref name="key"/> (equal to <paramref name="value"/> when given).</summary>
    private static bool LooksLike(string body, string key, JsonValueKind kind, string? value = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(key, out var found)) return false;
            return found.ValueKind == kind && (value == null || found.GetString() == value);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>{"model": …, "messages": [{"role": "user", "content": …}], "max_tokens": n} (written by hand: no reflection, AOT-safe).</summary>
    public static byte[] MessageBody(string model, string content, int? maxTokens)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteStartArray("messages");
            w.WriteStartObject();
            w.WriteString("role", "user");
            w.WriteString("content", content);
            w.WriteEndObject();
            w.WriteEndArray();
            if (maxTokens.HasValue) w.WriteNumber("max_tokens", maxTokens.Value);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task<StageResult> PortkeyStage(CancellationToken cancel)
    {
        if (_o.PortkeyApiKey == null) return new StageResult("portkey", StageStatus.Skipped, "needs --portkey-api-key-env VAR (the environment variable holding the Portkey API key)");
        var url = new Uri(_o.PortkeyEndpoint, "v1/chat/completions");
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(MessageBody(_o.PortkeyModel, "Hello", 1)) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        message.Headers.TryAddWithoutValidation("x-portkey-api-key", _o.PortkeyApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var remaining = _deadline - DateTime.UtcNow;
        timeout.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
        HttpResponseMessage reply;
        string text;
        try
        {
            reply = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            text = await reply.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException || ex is System.IO.IOException)
        {
            var kind = ex is OperationCanceledException ? FaultKind.Timeout : Http.Transport.Classify(ex);
            var (cause, fix) = Diagnosis.Transport(Upstream.Portkey, kind, url.Host);
            return new StageResult("portkey", StageStatus.Fail, cause, fix);
        }
        using (reply)
        {
            string? requestId = reply.Headers.TryGetValues("x-portkey-trace-id", out var v) ? v.FirstOrDefault() : null;
            int status = (int)reply.StatusCode;
            string masked = Redactor.Apply(text);
            if (reply.IsSuccessStatusCode && !LooksLike(text, "choices", JsonValueKind.Array))
            {
                var (junk, junkFix) = Diagnosis.Garbled(Upstream.Portkey, status, "a chat completion", masked);
                return new StageResult("portkey", StageStatus.Fail, junk, junkFix, requestId);
            }
            if (reply.IsSuccessStatusCode) return new StageResult("portkey", StageStatus.Pass, $"Portkey answered HTTP {status} for {_o.PortkeyModel}", null, requestId);
            if (status == 401) return new StageResult("portkey", StageStatus.Fail, "Portkey rejected the API key (HTTP 401)", "check the Portkey API key in the variable named by --portkey-api-key-env", requestId);
            var (cause, fix) = Diagnosis.Explain(Upstream.Portkey, status, null, masked, _o.Region ?? "?", _o.RoleArn);
            var failed = new StageResult("portkey", StageStatus.Fail, "through Portkey: " + cause, fix, requestId);
            failed.Details.Add($"HTTP {status}: {Diagnosis.Short(masked)}");
            return failed;
        }
    }
}

internal static class StageResultExtensions
{
    public static StageResult With(this StageResult r, List<string> details)
    {
        r.Details.AddRange(details);
        return r;
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>
/// The requests the gateway makes, shaped like the real ones, for the proofs: CreateInference and friends on the
/// configured workspace from a session of the role, and sts:AssumeRole from Portkey's principal.
/// Parts the config leaves open are taken from the role's own policies, else from fixed examples.
/// </summary>
public sealed class GatewayRequests
{
    public const string ExampleAccount = "111122223333";
    public const string ExampleWorkspace = "wrkspc_0example";
    public const string OtherAccount = "444455556666";
    public const string RoleName = "PortkeyClaudePlatformRole";

    private readonly ServiceFacts _facts;

    public GatewayRequests(RoleGroup role, Config.GatewayConfig config, ServiceFacts facts, DateTime? now = null)
    {
        _facts = facts;
        _config = config;
        var (region, account, workspace) = config.Region != null && config.Account != null && config.Workspace != null ? default : FromPolicies(role, facts);
        Region = config.Region?.Value ?? region ?? "us-east-1";
        Account = config.Account?.Value ?? account ?? ExampleAccount;
        string? resource = config.Workspace != null ? "workspace/" + config.Workspace.Value : workspace;
        Workspace = resource != null && resource.StartsWith("workspace/", StringComparison.Ordinal) ? resource.Substring("workspace/".Length) : ExampleWorkspace;
        Partition = Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        Now = now ?? DateTime.UtcNow;
        RoleArn = $"arn:{Partition}:iam::{Account}:role/{RoleName}";
        Session = CallerPrincipal.Parse($"arn:{Partition}:sts::{Account}:assumed-role/{RoleName}/portkey-session");
    }

    public string Partition { get; }
    public string Region { get; }
    public string Account { get; }
    public string Workspace { get; }
    public DateTime Now { get; }
    public string RoleArn { get; }
    public CallerPrincipal Session { get; }

    public string WorkspaceArn => _workspaceArn ??= $"arn:{Partition}:{_facts.Namespace}:{Region}:{Account}:workspace/{Workspace}";
    private string? _workspaceArn;

    /// <summary>The resource a request for the action names: the workspace, or "*" for account-level actions.</summary>
    public string ResourceFor(ActionFact? fact)
        => fact != null && fact.Scope == ResourceScope.Account ? "*" : WorkspaceArn;

    private RequestContext? _callContext;
    private PolicySet? _permissions;
    private PolicySet? _ownPermissions;

    /// <summary>The requests of one role, built once and shared by the proof rules.</summary>
    public static GatewayRequests For(RuleContext context)
    {
        if (context.Role.Requests is { } cached && ReferenceEquals(cached._config, context.Config)) return cached;
        var made = new GatewayRequests(context.Role, context.Config, context.Facts) { _config = context.Config, _role = context.Role };
        context.Role.Requests = made;
        return made;
    }

    private Config.GatewayConfig? _config;
    private RoleGroup? _role;

    /// <summary>The role's permission policies as identity policies (managed ones included unless asked not to).</summary>
    public PolicySet PermissionSet(bool includeManaged = true)
    {
        if (_role == null) throw new System.InvalidOperationException("use GatewayRequests.For");
        return includeManaged ? _permissions ??= Permissions(_role, true) : _ownPermissions ??= Permissions(_role, false);
    }

    /// <summary>The gateway calling a Claude Platform action with the role's temporary credentials.</summary>
    public EvalRequest Call(string action)
    {
        if (_calls.TryGetValue(action, out var made)) return made;
        var fact = _facts.FindAction(action);
        made = Request(_facts.Qualified(action), ResourceFor(fact));
        if (_calls.Count < 256) _calls[action] = made; // the proof rules ask for the same few actions
        return made;
    }

    private readonly Dictionary<string, EvalRequest> _calls = new Dictionary<string, EvalRequest>(StringComparer.Ordinal);

    /// <summary>Any action on any resource from the gateway's session, with the context its calls carry.</summary>
    public EvalRequest Request(string qualifiedAction, string resource)
        => new EvalRequest(qualifiedAction, resource, Session, _callContext ??= CallContext());

    private RequestContext CallContext() => Context(assumeRole: false, Session, null);

    /// <summary>
    /// A request's context from the table in rules/service.yml (requestKeys): known keys get their value, unknown keys
    /// are marked unknown, absent keys are left out; then gateway.context / --context values replace unknowns.
    /// The parts that do not depend on the caller are built once per request shape and shared.
    /// </summary>
    private RequestContext Context(bool assumeRole, CallerPrincipal caller, string? externalId)
    {
        var shape = ShapeOf(assumeRole, caller);
        if (shape.CallerRows.Count == 0) return shape.Base;
        var ctx = shape.Base.Layer(shape.CallerRows.Count);
        foreach (var row in shape.CallerRows)
        {
            string? value = Fill(row.Value, caller, externalId);
            if (value != null) ctx.Set(row.Key, new ContextValue(new[] { value }, TypeOf(row.Type)));
        }
        return ctx;
    }

    private sealed class Shape
    {
        public Shape(RequestContext @base, List<RequestKeyFact> callerRows)
        {
            Base = @base;
            CallerRows = callerRows;
        }

        public RequestContext Base { get; }
        /// <summary>Known keys whose value is the caller's (its ARN, account, type) or the external ID it sends.</summary>
        public List<RequestKeyFact> CallerRows { get; }
    }

    private readonly Shape?[] _shapes = new Shape?[8];

    private Shape ShapeOf(bool assumeRole, CallerPrincipal caller)
    {
        bool anonymous = caller.Kind == PrincipalKind.Anonymous;
        bool session = caller.Kind == PrincipalKind.AssumedRole;
        int index = (assumeRole ? 4 : 0) + (anonymous ? 2 : 0) + (session ? 1 : 0);
        if (_shapes[index] is { } mine) return mine;
        // Roles with the same region, account, deployment and context settings share their shapes (the time counts
        // in seconds): what MakeShape reads is in the key.
        var key = (_facts, Settings(_config), Region, Account, Now.Ticks / TimeSpan.TicksPerSecond, index);
        if (!SharedShapes.TryGetValue(key, out var shared))
        {
            shared = MakeShape(assumeRole, anonymous, session);
            if (SharedShapes.Count >= 1024) SharedShapes.Clear(); // a bound: few regions and accounts per run
            SharedShapes[key] = shared;
        }
        return _shapes[index] = shared;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ServiceFacts, string, string, string, long, int), Shape> SharedShapes =
        new System.Collections.Concurrent.ConcurrentDictionary<(ServiceFacts, string, string, string, long, int), Shape>();

    /// <summary>The config's parts a shape depends on, as text.</summary>
    private static string Settings(Config.GatewayConfig? config)
    {
        if (config == null) return "none";
        if (config.Context.Count == 0) return config.Deployment == Config.Deployment.SelfHosted ? "self-hosted" : "hosted";
        var sb = new System.Text.StringBuilder(config.Deployment.ToString());
        foreach (var c in config.Context)
        {
            sb.Append('\n').Append(c.Key).Append('=').Append(c.Type);
            foreach (var v in c.Values) sb.Append('\u0001').Append(v);
        }
        return sb.ToString();
    }

    private Shape MakeShape(bool assumeRole, bool anonymous, bool session)
    {
        bool selfHosted = _config?.Deployment == Config.Deployment.SelfHosted;
        var ctx = new RequestContext();
        var callerRows = new List<RequestKeyFact>();
        foreach (var row in _facts.RequestKeys)
        {
            var status = row.StatusOn(assumeRole, selfHosted);
            if (status == KeyStatus.Absent) continue;
            if (anonymous && IsAboutTheCaller(row.Key)) continue; // an anonymous request carries no principal keys
            if (status == KeyStatus.Known)
            {
                if (IsCallerValue(row.Value))
                {
                    if (!SetByConfig(row.Key)) callerRows.Add(row);
                    continue;
                }
                string? value = Fill(row.Value);
                if (value != null) ctx.Set(row.Key, new ContextValue(new[] { value }, TypeOf(row.Type)));
                continue;
            }
            bool mayBeAbsent = status == KeyStatus.UnknownOrAbsent
                || (row.Key == "aws:TokenIssueTime" && !session); // long-term keys carry none
            ctx.SetUnknown(row.Key, mayBeAbsent);
        }
        if (_config != null)
        {
            foreach (var c in _config.Context)
            {
                var row = _facts.FindRequestKey(c.Key);
                if (row == null || row.StatusOn(assumeRole, selfHosted) == KeyStatus.Absent) continue;
                ctx.Set(c.Key, new ContextValue(c.Values, c.Type, row.Type.StartsWith("ArrayOf", StringComparison.Ordinal) || c.Values.Count != 1));
            }
        }
        return new Shape(ctx, callerRows);
    }

    private bool SetByConfig(string key)
    {
        if (_config == null) return false;
        foreach (var c in _config.Context) if (string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsCallerValue(string? value)
        => value == "${CallerArn}" || value == "${CallerAccount}" || value == "${CallerType}" || value == "${ExternalId}";

    private static bool IsAboutTheCaller(string key)
        => key.StartsWith("aws:Principal", StringComparison.Ordinal) || key == "aws:userid" || key == "aws:TokenIssueTime";

    /// <summary>A known key's value that does not depend on the caller.</summary>
    private string? Fill(string? value)
    {
        switch (value)
        {
            case null: return null;
            case "${Now}": return Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            case "${Epoch}": return ((long)(Now - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "${Region}": return Region;
            case "${Account}": return Account;
            default: return value;
        }
    }

    private static string? Fill(string? value, CallerPrincipal caller, string? externalId)
    {
        switch (value)
        {
            case "${CallerArn}": return caller.PrincipalArn;
            case "${CallerAccount}": return caller.Account;
            case "${CallerType}":
                return caller.Kind switch
                {
                    PrincipalKind.AssumedRole => "AssumedRole",
                    PrincipalKind.User => "User",
                    PrincipalKind.Account => "Account",
                    _ => null,
                };
            case "${ExternalId}": return externalId;
            default: return null;
        }
    }

    private static ContextType TypeOf(string type) => type switch
    {
        "Bool" => ContextType.Boolean,
        "Date" => ContextType.Date,
        "Numeric" => ContextType.Numeric,
        "Ip" => ContextType.Ip,
        "Arn" => ContextType.Arn,
        _ => ContextType.String,
    };

    /// <summary>
    /// Why a gateway.context / --context key or value cannot be used, or null: the key must be one the gateway's
    /// requests carry with a value unknown offline, and the value must parse as the key's type.
    /// </summary>
    public static string? CheckSetting(ServiceFacts facts, Config.Deployment deployment, string key, IReadOnlyList<string> values, out ContextType type)
    {
        type = ContextType.String;
        var row = facts.FindRequestKey(key);
        bool selfHosted = deployment == Config.Deployment.SelfHosted;
        if (row == null || (row.StatusOn(false, selfHosted) == KeyStatus.Absent && row.StatusOn(true, selfHosted) == KeyStatus.Absent))
            return $"AWS does not send {key} on the gateway's requests (see docs/gateway-requests.md), so a value for it would never be used";
        var onCall = row.StatusOn(false, selfHosted);
        var onAssume = row.StatusOn(true, selfHosted);
        // Known wherever it is sent (sts:ExternalId, the region, the principal): the setup gives it, per request.
        if ((onCall == KeyStatus.Known || onCall == KeyStatus.Absent) && (onAssume == KeyStatus.Known || onAssume == KeyStatus.Absent))
            return $"{key} is known from the setup (region, account, principal, external ID, time); set those instead";
        type = TypeOf(row.Type);
        if (values.Count == 0) return $"give {key} a value";
        if (values.Count > 1 && !row.Type.StartsWith("ArrayOf", StringComparison.Ordinal)) return $"{key} takes one value, not a list";
        foreach (var v in values)
        {
            string? why = RequestContext.CheckType(v, type);
            if (why != null) return $"{key}: {why}";
        }
        return null;
    }

    /// <summary>The role's permission policies (attached managed policies included) as identity policies.</summary>
    public static PolicySet Permissions(RoleGroup role, bool includeManaged = true)
    {
        var docs = new List<PolicyDocument>();
        foreach (var d in includeManaged ? role.PermissionDocuments() : role.OfKind(DocumentKind.Permission)) docs.Add(d);
        return new PolicySet { Identity = docs, Boundaries = role.Boundaries };
    }

    /// <summary>A caller assuming the role: the caller's own policies are unknown (assumed to allow).</summary>
    public PolicySet Trust(PolicyDocument trust)
    {
        if (_trust != null && ReferenceEquals(_trust.ResourcePolicy, trust)) return _trust;
        return _trust = new PolicySet { Identity = null, ResourcePolicy = trust, ResourceAccount = Account };
    }

    private PolicySet? _trust;

    /// <summary>The caller assuming the role (the same caller, ID and action give the same request: the proofs share it).</summary>
    public EvalRequest AssumeRole(CallerPrincipal caller, string? externalId, string action = "sts:AssumeRole")
    {
        foreach (var (c, id, a, r) in _assumeRequests)
        {
            if ((ReferenceEquals(c, caller) || c.Text == caller.Text) && id == externalId && a == action) return r;
        }
        var made = new EvalRequest(action, RoleArn, caller, Context(assumeRole: true, caller, externalId));
        if (_assumeRequests.Count < 64) _assumeRequests.Add((caller, externalId, action, made));
        return made;
    }

    /// <summary>A role's proofs ask for a few such requests: a list searched in place (no hashing of ARNs and IDs).</summary>
    private readonly List<(CallerPrincipal Caller, string? ExternalId, string Action, EvalRequest Request)> _assumeRequests = new List<(CallerPrincipal, string?, string, EvalRequest)>(8);

    /// <summary>A session of the expected principal: a role ARN stands for its sessions.</summary>
    public static CallerPrincipal SessionOf(string principal) => Cached(Sessions, principal, MakeSession);

    /// <summary>A caller the proofs try (another account's role, "*"), parsed once per run.</summary>
    public static CallerPrincipal Caller(string text) => Cached(Callers, text, CallerPrincipal.Parse);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CallerPrincipal> Sessions =
        new System.Collections.Concurrent.ConcurrentDictionary<string, CallerPrincipal>(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CallerPrincipal> Callers =
        new System.Collections.Concurrent.ConcurrentDictionary<string, CallerPrincipal>(StringComparer.Ordinal);

    private static CallerPrincipal Cached(System.Collections.Concurrent.ConcurrentDictionary<string, CallerPrincipal> cache, string text, Func<string, CallerPrincipal> make)
    {
        if (cache.TryGetValue(text, out var known)) return known;
        if (cache.Count >= 1024) cache.Clear(); // a bound: a repository names few principals
        return cache.GetOrAdd(text, make);
    }

    private static CallerPrincipal MakeSession(string principal)
    {
        var p = CallerPrincipal.Parse(principal);
        if (p.Kind == PrincipalKind.Role && p.Account != null && p.RoleName != null)
        {
            return CallerPrincipal.Parse($"arn:{p.Partition ?? "aws"}:sts::{p.Account}:assumed-role/{p.RoleName}/gateway-session");
        }
        return p;
    }

    /// <summary>The first concrete region, account and resource of the ARNs in the role's Claude Platform grants, each on its own, in one pass.</summary>
    private static (string? Region, string? Account, string? Resource) FromPolicies(RoleGroup role, ServiceFacts facts)
    {
        string? region = null, account = null, resource = null;
        foreach (var doc in role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Resource == null) continue;
                foreach (var r in s.Resource.Values)
                {
                    var arn = Arn.TryParse(r.Value);
                    if (arn == null || !string.Equals(arn.Service, facts.Namespace, StringComparison.Ordinal)) continue;
                    region ??= Concrete(arn.Region);
                    account ??= Concrete(arn.Account);
                    resource ??= Concrete(arn.Resource);
                    if (region != null && account != null && resource != null) return (region, account, resource);
                }
            }
        }
        return (region, account, resource);
    }

    private static string? Concrete(string part)
        => part.Length == 0 || Wildcard.HasWildcard(part) || part.IndexOf("${", StringComparison.Ordinal) >= 0 ? null : part;
}

using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>
/// AWS's policy evaluation logic (IAM User Guide: reference_policies_evaluation-logic, its cross-account page, and the
/// pages cited at each step), in this order:
/// 1. an explicit Deny in any policy wins (a Deny with NotPrincipal always applies to a caller with a permissions boundary);
/// 2. resource control policies only deny (RCPFullAWSAccess is attached wherever RCPs are enabled); service control
///    policies must allow an IAM caller;
/// 3. anonymous, service and federated callers have no identity policies: only a resource-based policy can allow them;
/// 4. cross account: the resource's policy (naming the caller or its account) and the caller's identity policies,
///    boundary and session policy must all allow; no resource-based policy means no access;
/// 5. same account: a resource-based policy naming the caller, its session or "*" allows on its own; naming a role ARN
///    allows within the role's boundary and session policy; otherwise the identity policies must allow, within the
///    boundary and session policy. A role's trust policy (sts:AssumeRole*) and a KMS key policy must allow the caller
///    in every account: naming its account delegates to its identity policies, naming nobody refuses.
/// With context keys unknown offline, every step is three-valued (Kleene): the decision may be Depends.
/// </summary>
public static class Evaluator
{
    /// <summary>How a resource-based policy statement names the caller.</summary>
    private enum Named : byte
    {
        None,
        /// <summary>Its account (an account ID or :root): the account's identity policies decide.</summary>
        Account,
        /// <summary>The role of a session: a grant within the role's boundary and session policy.</summary>
        Role,
        /// <summary>The caller itself, "*" or everyone but a NotPrincipal list: a grant on its own.</summary>
        Direct,
    }

    /// <summary>What a resource-based policy grants the caller, per way of naming it.</summary>
    private struct Grants
    {
        public Tri Direct;
        public Tri Role;
        public Tri Account;

        public Tri Any => TriLogic.Or(Direct, TriLogic.Or(Role, Account));
    }

    /// <summary>The decision only; allocates nothing for documents without policy variables unless it depends on unknown keys.</summary>
    public static Decision Decide(PolicySet set, EvalRequest request)
    {
        var d = Run(set, request, null);
        if (d != Decision.Depends) return d;
        // Which unknown keys it depends on, to try their values: only when it does depend on some.
        var keys = new EvaluationResult { KeysOnly = true };
        Run(set, request, keys);
        return UnknownKeys.Settle(set, request, keys.DependsOn) ?? Decision.Depends;
    }

    /// <summary>The three-valued decision without settling a "depends" by trying values.</summary>
    internal static Decision DecideKleene(PolicySet set, EvalRequest request) => Run(set, request, null);

    public static EvaluationResult Evaluate(PolicySet set, EvalRequest request)
    {
        var result = new EvaluationResult();
        result.Decision = Run(set, request, result);
        if (result.Decision == Decision.Depends)
        {
            var settled = UnknownKeys.Settle(set, request, result.DependsOn);
            if (settled != null)
            {
                result.Notes.Add($"the same for every value of {string.Join(", ", result.DependsOn)}");
                result.Decision = settled.Value;
                result.Reason = settled.Value == Decision.Allowed ? "allowed"
                    : (settled.Value == Decision.ExplicitDeny ? "an explicit Deny applies" : "implicit deny: nothing allows the request") + " for every value of " + string.Join(", ", result.DependsOn);
                if (settled.Value != Decision.Allowed) result.Matched.Clear();
                result.DependsOn.Clear();
            }
        }
        if (result.Decision != Decision.Depends && result.Decision != Decision.ImplicitDeny) result.DependsOn.Clear();
        return result;
    }

    /// <summary>An IAM user, role, session or account (or a caller not named): a caller that has identity policies.</summary>
    private static bool HasIdentityPolicies(CallerPrincipal? caller)
        => caller == null || caller.Kind != PrincipalKind.Anonymous && caller.Kind != PrincipalKind.Service && caller.Kind != PrincipalKind.Federated;

    private static Decision Run(PolicySet set, EvalRequest request, EvaluationResult? result)
    {
        var caller = request.Principal;
        bool iam = HasIdentityPolicies(caller);
        bool bounded = iam && set.Boundaries.Count > 0;

        // 1. An applicable Deny anywhere is final.
        var deny = Tri.False;
        if (set.Identity != null && iam) deny = TriLogic.Or(deny, AnyDeny(set.Identity, PolicySource.Identity, request, bounded, result));
        if (set.ResourcePolicy != null) deny = TriLogic.Or(deny, AnyDeny(set.ResourcePolicy, PolicySource.Resource, request, bounded, result));
        if (iam)
        {
            deny = TriLogic.Or(deny, AnyDeny(set.Boundaries, PolicySource.Boundary, request, bounded, result));
            deny = TriLogic.Or(deny, AnyDeny(set.Scps, PolicySource.Scp, request, bounded, result));
            if (set.SessionPolicy != null) deny = TriLogic.Or(deny, AnyDeny(set.SessionPolicy, PolicySource.Session, request, bounded, result));
        }
        deny = TriLogic.Or(deny, AnyDeny(set.Rcps, PolicySource.Rcp, request, bounded, result));
        if (deny == Tri.True)
        {
            if (result != null)
            {
                result.Reason = "an explicit Deny applies";
                result.Matched.RemoveAll(t => !t.Statement.IsDeny);
                result.MayMatch.Clear();
                result.DependsOn.Clear();
            }
            return Decision.ExplicitDeny;
        }

        // 2. Guardrails. RCPFullAWSAccess is always attached where RCPs are enabled (AWS Organizations User Guide,
        // orgs_manage_policies_rcps), so RCPs only deny. SCPs limit the IAM principals of member accounts.
        if (set.Rcps.Count > 0) result?.Notes.Add("resource control policies only deny here: RCPFullAWSAccess is attached wherever RCPs are enabled");
        var allow = Tri.True;
        if (iam && set.Scps.Count > 0)
        {
            allow = AnyAllow(set.Scps, PolicySource.Scp, request, result);
            if (allow == Tri.False) return Implicit(result, "no service control policy allows the request");
        }

        // 3–5. Who grants.
        string? failure = null;
        Tri grant;
        if (!iam)
        {
            string who = caller!.Kind == PrincipalKind.Anonymous ? "an anonymous caller" : caller.Kind == PrincipalKind.Service ? "a service principal" : "a federated caller";
            if (set.ResourcePolicy == null) return Implicit(result, $"{who} has no identity policies: only a resource-based policy can allow it, and none was given");
            grant = ResourceGrants(set, request, bounded, result).Any;
            if (grant == Tri.False) failure = $"no resource-based policy statement allows this caller ({who} has no identity policies)";
        }
        else
        {
            bool sameAccount = SameAccount(set, request);
            var identity = Tri.True;
            if (set.Identity == null)
            {
                if (set.ResourcePolicy == null) return Implicit(result, "no policy was given");
                result?.Notes.Add("the caller's own identity policies are not known: assumed to allow");
            }
            else
            {
                identity = AnyAllow(set.Identity, PolicySource.Identity, request, result);
            }
            var boundary = set.Boundaries.Count > 0 ? AnyAllow(set.Boundaries, PolicySource.Boundary, request, result) : Tri.True;
            var session = set.SessionPolicy != null ? AnyAllow(set.SessionPolicy, PolicySource.Session, request, result) : Tri.True;
            var limits = TriLogic.And(boundary, session);
            var g = set.ResourcePolicy != null ? ResourceGrants(set, request, bounded, result) : default;
            if (!sameAccount)
            {
                if (set.ResourcePolicy == null)
                    return Implicit(result, "a cross-account request needs a resource-based policy of the resource's account that allows it, and there is none");
                grant = TriLogic.And(g.Any, TriLogic.And(identity, limits));
                if (grant == Tri.False)
                {
                    failure = g.Any == Tri.False ? "the resource policy does not allow this principal (a cross-account request needs it)"
                        : identity == Tri.False ? IdentityFailure(set)
                        : boundary == Tri.False ? "the permissions boundary does not allow the request"
                        : "the session policy does not allow the request";
                }
            }
            else
            {
                bool mustName = set.ResourcePolicy != null && MustNameCaller(request);
                if (result != null && set.ResourcePolicy == null && IsTrustAction(request.Action) && IsRoleArn(request.Resource))
                    result.Notes.Add("the role's trust policy was not given: only the caller's own side is evaluated");
                var viaResource = TriLogic.Or(g.Direct, TriLogic.And(g.Role, limits));
                var viaIdentity = TriLogic.And(identity, limits);
                if (mustName) viaIdentity = TriLogic.And(g.Account, viaIdentity);
                grant = TriLogic.Or(viaResource, viaIdentity);
                if (grant == Tri.False)
                {
                    failure = mustName && g.Any == Tri.False
                        ? (IsTrustAction(request.Action)
                            ? "the trust policy does not allow this caller: a role can be assumed only when its trust policy names the caller or its account, in every account"
                            : "the key policy does not allow this caller: a KMS key policy must name the caller or its account")
                        : identity == Tri.False ? IdentityFailure(set)
                        : boundary == Tri.False ? "the permissions boundary does not allow the request"
                        : session == Tri.False ? "the session policy does not allow the request"
                        : "the resource policy does not allow this principal";
                }
            }
        }
        grant = TriLogic.And(allow, grant);
        if (grant == Tri.False)
        {
            if (deny == Tri.Unknown && result != null) result.Notes.Add("a Deny may also apply, depending on " + string.Join(", ", result.DependsOn));
            return Implicit(result, failure ?? "nothing allows the request");
        }
        if (grant == Tri.Unknown || deny == Tri.Unknown)
        {
            if (result != null)
            {
                result.AllowDepends = grant == Tri.Unknown;
                result.DenyDepends = deny == Tri.Unknown;
                if (result.KeysOnly) return Decision.Depends;
                string what = deny == Tri.Unknown ? (grant == Tri.True ? "a Deny applies" : "an Allow and a Deny apply") : "an Allow applies";
                result.Reason = $"{what} only for some values of {string.Join(", ", result.DependsOn)}";
            }
            return Decision.Depends;
        }
        if (result != null)
        {
            result.Reason = "allowed";
            result.MayMatch.Clear();
        }
        return Decision.Allowed;
    }

    private static string IdentityFailure(PolicySet set)
        => set.Identity != null && set.Identity.Count == 0 ? "no identity policy was given" : "no identity policy statement allows the request";

    private static Decision Implicit(EvaluationResult? result, string reason)
    {
        if (result != null)
        {
            result.Reason = "implicit deny: " + reason;
            result.Matched.Clear();
            result.MayMatch.Clear();
        }
        return Decision.ImplicitDeny;
    }

    /// <summary>The actions a role's trust policy decides (IAM User Guide, id_roles_terms-and-concepts).</summary>
    public static bool IsTrustAction(string action)
        => action.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)
           || string.Equals(action, "sts:TagSession", StringComparison.OrdinalIgnoreCase)
           || string.Equals(action, "sts:SetSourceIdentity", StringComparison.OrdinalIgnoreCase)
           || string.Equals(action, "sts:SetContext", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoleArn(string resource)
    {
        return Engine.Arn.Is(resource, "iam", "role/");
    }

    /// <summary>
    /// Role trust policies and KMS key policies must allow the caller explicitly, also within one account
    /// (IAM User Guide, reference_policies_evaluation-logic_policy-eval-basics).
    /// </summary>
    private static bool MustNameCaller(EvalRequest request)
        => (IsTrustAction(request.Action) && (IsRoleArn(request.Resource) || request.Resource == "*"))
           || request.Action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase);

    private static bool SameAccount(PolicySet set, EvalRequest request)
    {
        string? resourceAccount = set.ResourceAccount ?? request.ResourceAccount;
        string? principalAccount = request.Principal?.Account;
        // No account in the resource (S3, "*"), or a caller not named: treat the two as one account.
        if (resourceAccount == null || principalAccount == null) return true;
        return principalAccount == resourceAccount;
    }

    private static Tri AnyDeny(IReadOnlyList<PolicyDocument> docs, PolicySource source, EvalRequest request, bool bounded, EvaluationResult? result)
    {
        var any = Tri.False;
        for (int i = 0; i < docs.Count; i++)
        {
            any = TriLogic.Or(any, AnyDeny(docs[i], source, request, bounded, result));
            if (any == Tri.True && result == null) return any;
        }
        return any;
    }

    private static Tri AnyDeny(PolicyDocument doc, PolicySource source, EvalRequest request, bool bounded, EvaluationResult? result)
    {
        var any = Tri.False;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!s.IsDeny) continue;
            any = TriLogic.Or(any, Applies(doc, s, source, request, bounded, result, out _));
            if (any == Tri.True && result == null) return any;
        }
        return any;
    }

    private static Tri AnyAllow(IReadOnlyList<PolicyDocument> docs, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        var best = Tri.False;
        for (int i = 0; i < docs.Count; i++)
        {
            best = TriLogic.Or(best, AnyAllow(docs[i], source, request, result));
            if (best == Tri.True && result == null) break;
        }
        return best;
    }

    private static Tri AnyAllow(PolicyDocument doc, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        var best = Tri.False;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!s.IsAllow) continue;
            best = TriLogic.Or(best, Applies(doc, s, source, request, false, result, out _));
            if (best == Tri.True && result == null) break;
        }
        return best;
    }

    private static Grants ResourceGrants(PolicySet set, EvalRequest request, bool bounded, EvaluationResult? result)
    {
        var g = new Grants();
        var doc = set.ResourcePolicy!;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!s.IsAllow) continue;
            var t = Applies(doc, s, PolicySource.Resource, request, bounded, result, out var named);
            switch (named)
            {
                case Named.Direct: g.Direct = TriLogic.Or(g.Direct, t); break;
                case Named.Role: g.Role = TriLogic.Or(g.Role, t); break;
                case Named.Account: g.Account = TriLogic.Or(g.Account, t); break;
            }
            if (g.Direct == Tri.True && result == null) break;
        }
        return g;
    }

    /// <summary>Whether the statement applies (three-valued); for a resource policy, how the principal was named.</summary>
    private static Tri Applies(PolicyDocument doc, Statement s, PolicySource source, EvalRequest request, bool bounded, EvaluationResult? result, out Named named)
    {
        named = Named.Direct;
        StatementTrace? trace = null;
        if (result != null && !result.KeysOnly)
        {
            trace = new StatementTrace(source, doc, s);
            result.Trace.Add(trace);
        }
        bool variables = doc.Version != null && doc.Version.Value == "2012-10-17";

        bool action = MatchAction(s, request.Action);
        if (trace != null) trace.Action = action;
        if (!action) return Tri.False;

        var resource = MatchResource(s, source, request, variables, trace, result?.DependsOn);
        if (trace != null) trace.Resource = resource == Tri.Unknown ? null : resource == Tri.True;
        if (resource == Tri.False) return Tri.False;

        if (source == PolicySource.Resource)
        {
            named = s.IsDeny ? DenyNames(s, request.Principal, bounded, trace) : AllowNames(s, request.Principal);
            if (trace != null)
            {
                trace.Principal = named != Named.None;
                if (named == Named.None) trace.Notes.Add($"principal {request.Principal?.Text ?? "(none)"} is not named");
            }
            if (named == Named.None) return Tri.False;
        }

        var condition = ConditionEvaluator.Evaluate(s.Condition, request.Context, variables, trace?.Notes, result?.DependsOn);
        if (trace != null)
        {
            trace.Condition = condition == Tri.Unknown ? null : condition == Tri.True;
            trace.ConditionUnknown = condition == Tri.Unknown;
        }
        var applies = TriLogic.And(resource, condition);
        if (trace != null)
        {
            if (applies == Tri.True)
            {
                trace.Applies = true;
                result!.Matched.Add(trace);
            }
            else if (applies == Tri.Unknown)
            {
                trace.MayApply = true;
                result!.MayMatch.Add(trace);
            }
        }
        return applies;
    }

    /// <summary>Reused by <see cref="ActionSignature"/> on each thread.</summary>
    [ThreadStatic] private static System.Text.StringBuilder? _signature;

    /// <summary>
    /// Which statements of the set name the action (one character per statement). Two requests that differ only in
    /// their action decide alike when their signatures are equal: the action enters a decision only through which
    /// statements it matches, except for the trust and KMS actions (null for those), which also change who must be named.
    /// </summary>
    public static string? ActionSignature(PolicySet set, string action)
    {
        if (IsTrustAction(action) || action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)) return null;
        var sb = _signature ??= new System.Text.StringBuilder();
        sb.Clear();
        void Add(PolicyDocument? doc)
        {
            if (doc == null) return;
            foreach (var st in doc.Statements) sb.Append(MatchAction(st, action) ? '1' : '0');
            sb.Append('|');
        }
        if (set.Identity != null) foreach (var d in set.Identity) Add(d);
        sb.Append('#');
        Add(set.ResourcePolicy);
        foreach (var d in set.Boundaries) Add(d);
        sb.Append('#');
        foreach (var d in set.Scps) Add(d);
        sb.Append('#');
        foreach (var d in set.Rcps) Add(d);
        sb.Append('#');
        Add(set.SessionPolicy);
        return sb.ToString();
    }

    public static bool MatchAction(Statement s, string action)
    {
        if (s.Action != null) return AnyLike(s.Action.Values, action);
        if (s.NotAction != null) return !AnyLike(s.NotAction.Values, action);
        return false;
    }

    private static bool AnyLike(Items<StringValue> patterns, string action)
    {
        for (int i = 0; i < patterns.Count; i++)
        {
            if (Patterns.Like(patterns[i].Value, action, ignoreCase: true)) return true;
        }
        return false;
    }

    private static Tri MatchResource(Statement s, PolicySource source, EvalRequest request, bool variables, StatementTrace? trace, List<string>? dependsOn)
    {
        if (s.Resource != null) return AnyResource(s.Resource.Values, request, variables, trace, dependsOn);
        if (s.NotResource != null) return TriLogic.Not(AnyResource(s.NotResource.Values, request, variables, trace, dependsOn));
        // A resource policy without Resource applies to the resource it is attached to (a role trust policy).
        return TriLogic.Of(source == PolicySource.Resource);
    }

    private static Tri AnyResource(Items<StringValue> patterns, EvalRequest request, bool variables, StatementTrace? trace, List<string>? dependsOn)
    {
        var result = Tri.False;
        for (int i = 0; i < patterns.Count; i++)
        {
            string pattern = patterns[i].Value;
            if (PolicyVariables.HasVariable(pattern))
            {
                // Variables resolve only in the resource part of an ARN, after its fifth colon, and only under
                // Version 2012-10-17; elsewhere the text is literal (IAM User Guide, reference_policies_variables).
                int start = variables ? PolicyVariables.ResourcePartStart(pattern) : -1;
                string head = PolicyVariables.Literal(start < 0 ? pattern : pattern.Substring(0, start));
                if (start < 0)
                {
                    pattern = head;
                }
                else if (!PolicyVariables.TryResolve(pattern.Substring(start), request.Context, out string tail, out string? missing))
                {
                    string key = PolicyVariables.KeyOf(missing ?? string.Empty);
                    if (request.Context.HasUnknowns && request.Context.IsUnknown(key, out _))
                    {
                        trace?.Notes.Add($"\"{patterns[i].Value}\" depends on ${{{key}}}, not known offline");
                        if (dependsOn != null && !dependsOn.Contains(key)) dependsOn.Add(key);
                        result = Tri.Unknown;
                    }
                    else
                    {
                        trace?.Notes.Add($"${{{missing}}} has no value in the request, so \"{patterns[i].Value}\" matches nothing");
                    }
                    continue;
                }
                else
                {
                    pattern = head + tail;
                }
            }
            if (Patterns.ArnLike(pattern, request.Resource)) return Tri.True;
        }
        return result;
    }

    /// <summary>How an Allow statement of a resource policy names the caller.</summary>
    private static Named AllowNames(Statement s, CallerPrincipal? caller)
    {
        if (caller == null) return Named.None;
        if (s.Principal != null)
        {
            var best = Named.None;
            foreach (var e in s.Principal.Entries)
            {
                if (!caller.MatchedBy(e.Type, e.Value.Value)) continue;
                var m = Classify(e, caller);
                if (m > best) best = m;
            }
            return best;
        }
        if (s.NotPrincipal != null)
        {
            // Allow with NotPrincipal (not supported by AWS, flagged by PC3010) grants to everyone it does not list.
            return caller.NamedByAll(s.NotPrincipal.Entries) ? Named.None : Named.Direct;
        }
        return Named.None;
    }

    /// <summary>
    /// Whether a Deny statement of a resource policy covers the caller. A Deny with NotPrincipal covers the caller
    /// unless every identity of the caller (its ARN, its role, its account) is listed, and always covers a caller with a
    /// permissions boundary (IAM User Guide, reference_policies_elements_notprincipal, access_policies_boundaries).
    /// </summary>
    private static Named DenyNames(Statement s, CallerPrincipal? caller, bool bounded, StatementTrace? trace)
    {
        if (caller == null) return Named.None;
        if (s.Principal != null)
        {
            foreach (var e in s.Principal.Entries)
            {
                if (caller.MatchedBy(e.Type, e.Value.Value)) return Named.Direct;
            }
            return Named.None;
        }
        if (s.NotPrincipal != null)
        {
            if (bounded)
            {
                trace?.Notes.Add("a Deny with NotPrincipal always applies to a caller with a permissions boundary");
                return Named.Direct;
            }
            return caller.NamedByAll(s.NotPrincipal.Entries) ? Named.None : Named.Direct;
        }
        return Named.None;
    }

    private static Named Classify(PrincipalEntry e, CallerPrincipal caller)
    {
        string v = e.Value.Value;
        if (v == "*") return Named.Direct;
        if (CallerPrincipal.IsAccountId(v) || v.EndsWith(":root", StringComparison.Ordinal))
            return caller.Kind == PrincipalKind.Account ? Named.Direct : Named.Account;
        if ((caller.Kind == PrincipalKind.AssumedRole || caller.Kind == PrincipalKind.Role) && e.Type == "AWS")
        {
            if (Engine.Arn.Is(v, "iam", "role/")) return Named.Role;
        }
        return Named.Direct;
    }
}

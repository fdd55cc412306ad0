using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

public enum Decision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>Which kind of policy a document plays in a request.</summary>
public enum PolicySource
{
    Identity,
    Resource,
    Boundary,
    Scp,
    Rcp,
    Session,
}

/// <summary>The policies in force for a request. Each part is optional.</summary>
public sealed class PolicySet
{
    private static readonly IReadOnlyList<PolicyDocument> None = Array.Empty<PolicyDocument>();

    /// <summary>The principal's identity-based policies; null when not known (a cross-account caller's own policies).</summary>
    public IReadOnlyList<PolicyDocument>? Identity { get; set; } = None;
    /// <summary>The resource's policy: for sts:AssumeRole, the role's trust policy.</summary>
    public PolicyDocument? ResourcePolicy { get; set; }
    public IReadOnlyList<PolicyDocument> Boundaries { get; set; } = None;
    public IReadOnlyList<PolicyDocument> Scps { get; set; } = None;
    public IReadOnlyList<PolicyDocument> Rcps { get; set; } = None;
    public PolicyDocument? SessionPolicy { get; set; }
    /// <summary>The account that owns the resource; taken from the resource ARN when not set.</summary>
    public string? ResourceAccount { get; set; }
}

/// <summary>One request: who calls which action on which resource, with what context.</summary>
public sealed class EvalRequest
{
    public EvalRequest(string action, string resource, CallerPrincipal? principal, RequestContext? context = null)
    {
        Action = action;
        Resource = resource;
        Principal = principal;
        Context = context ?? new RequestContext();
    }

    public string Action { get; }
    public string Resource { get; }
    public CallerPrincipal? Principal { get; }
    public RequestContext Context { get; }

    private string? _resourceAccount;
    private bool _resourceAccountDone;

    /// <summary>The account segment of the resource ARN, or null (computed once).</summary>
    public string? ResourceAccount
    {
        get
        {
            if (_resourceAccountDone) return _resourceAccount;
            var arn = Engine.Arn.TryParse(Resource);
            if (arn != null && arn.Account.Length > 0) _resourceAccount = arn.Account;
            _resourceAccountDone = true;
            return _resourceAccount;
        }
    }
}

/// <summary>How one statement fared against a request.</summary>
public sealed class StatementTrace
{
    public StatementTrace(PolicySource source, PolicyDocument document, Statement statement)
    {
        Source = source;
        Document = document;
        Statement = statement;
    }

    public PolicySource Source { get; }
    public PolicyDocument Document { get; }
    public Statement Statement { get; }
    public bool? Action { get; internal set; }
    public bool? Resource { get; internal set; }
    public bool? Principal { get; internal set; }
    public bool? Condition { get; internal set; }
    public bool Applies { get; internal set; }
    public List<string> Notes { get; } = new List<string>();

    /// <summary>How many of the checked parts matched: used to find the nearest miss.</summary>
    public int Score => (Action == true ? 4 : 0) + (Resource == true ? 2 : 0) + (Principal == true ? 2 : 0) + (Condition == true ? 1 : 0);

    public string Effect => Statement.Effect?.Value ?? "?";

    public override string ToString()
    {
        string where = Document.Label != null ? $"{Document.Path} ({Document.Label})" : Document.Path;
        var parts = new List<string>();
        if (Action.HasValue) parts.Add("action " + (Action.Value ? "matched" : "did not match"));
        if (Resource.HasValue) parts.Add("resource " + (Resource.Value ? "matched" : "did not match"));
        if (Principal.HasValue) parts.Add("principal " + (Principal.Value ? "matched" : "did not match"));
        if (Condition.HasValue) parts.Add("condition " + (Condition.Value ? "held" : "did not hold"));
        string notes = Notes.Count > 0 ? " — " + string.Join("; ", Notes) : string.Empty;
        return $"{Source} {where}:{Statement.Span.Line} {Statement.Label} [{Effect}] {(Applies ? "applies" : "does not apply")}: {string.Join(", ", parts)}{notes}";
    }
}

/// <summary>The decision with what led to it.</summary>
public sealed class EvaluationResult
{
    public Decision Decision { get; internal set; }
    /// <summary>One line saying why, in AWS's terms.</summary>
    public string Reason { get; internal set; } = string.Empty;
    /// <summary>The statements that decided: the Deny that applied, or the Allows that applied.</summary>
    public List<StatementTrace> Matched { get; } = new List<StatementTrace>();
    public List<StatementTrace> Trace { get; } = new List<StatementTrace>();
    /// <summary>Assumptions made on the way (e.g. unknown identity policies of a cross-account caller).</summary>
    public List<string> Notes { get; } = new List<string>();

    /// <summary>For an implicit deny: the statement that came closest to allowing (action matched, something else not).</summary>
    public StatementTrace? NearestMiss
    {
        get
        {
            StatementTrace? best = null;
            foreach (var t in Trace)
            {
                if (!t.Statement.IsAllow || t.Applies || t.Action != true) continue;
                if (best == null || t.Score > best.Score) best = t;
            }
            return best;
        }
    }
}

/// <summary>
/// AWS's policy evaluation logic: an applicable Deny in any policy wins; then SCPs and RCPs must allow; then a
/// same-account resource policy or the identity policies must allow (cross-account: both); then any permissions
/// boundary and session policy must allow. Nothing allowed means an implicit deny.
/// </summary>
public static class Evaluator
{
    private enum PrincipalMatch
    {
        None,
        Account,
        Exact,
    }

    /// <summary>The decision only; allocates nothing for documents without policy variables.</summary>
    public static Decision Decide(PolicySet set, EvalRequest request) => Run(set, request, null);

    public static EvaluationResult Evaluate(PolicySet set, EvalRequest request)
    {
        var result = new EvaluationResult();
        result.Decision = Run(set, request, result);
        return result;
    }

    private static Decision Run(PolicySet set, EvalRequest request, EvaluationResult? result)
    {
        // 1. An applicable Deny anywhere is final.
        bool denied = false;
        if (set.Identity != null) denied |= AnyDeny(set.Identity, PolicySource.Identity, request, result);
        if (set.ResourcePolicy != null) denied |= AnyDeny(set.ResourcePolicy, PolicySource.Resource, request, result);
        denied |= AnyDeny(set.Boundaries, PolicySource.Boundary, request, result);
        denied |= AnyDeny(set.Scps, PolicySource.Scp, request, result);
        denied |= AnyDeny(set.Rcps, PolicySource.Rcp, request, result);
        if (set.SessionPolicy != null) denied |= AnyDeny(set.SessionPolicy, PolicySource.Session, request, result);
        if (denied)
        {
            if (result != null)
            {
                result.Reason = "an explicit Deny applies";
                // Keep only the Denies as the deciding statements.
                result.Matched.RemoveAll(t => !t.Statement.IsDeny);
            }
            return Decision.ExplicitDeny;
        }

        // 2. Organization guardrails must allow.
        if (set.Rcps.Count > 0 && AnyAllow(set.Rcps, PolicySource.Rcp, request, result) == PrincipalMatch.None)
            return Implicit(result, "no resource control policy allows the request");
        if (set.Scps.Count > 0 && AnyAllow(set.Scps, PolicySource.Scp, request, result) == PrincipalMatch.None)
            return Implicit(result, "no service control policy allows the request");

        // 3. Resource policy and identity policies.
        bool sameAccount = SameAccount(set, request);
        bool identityNeeded = true;
        if (set.ResourcePolicy != null)
        {
            var rbp = AnyAllow(set.ResourcePolicy, PolicySource.Resource, request, result);
            if (rbp == PrincipalMatch.None && !sameAccount)
                return Implicit(result, "the resource policy does not allow this principal (a cross-account request needs it)");
            if (rbp == PrincipalMatch.Exact && sameAccount)
            {
                // A same-account resource policy naming the principal itself needs no identity policy.
                identityNeeded = false;
                if (request.Principal != null && request.Principal.Kind != PrincipalKind.Role)
                {
                    if (result != null) result.Reason = "the resource policy allows this principal in its own account";
                    return Decision.Allowed;
                }
            }
        }
        if (identityNeeded)
        {
            if (set.Identity == null)
            {
                if (set.ResourcePolicy == null) return Implicit(result, "no policy was given");
                result?.Notes.Add("the caller's own identity policies are not known: assumed to allow");
            }
            else if (AnyAllow(set.Identity, PolicySource.Identity, request, result) == PrincipalMatch.None)
            {
                return Implicit(result, set.Identity.Count == 0 ? "no identity policy was given" : "no identity policy statement allows the request");
            }
        }

        // 4. Limits on the session.
        if (set.Boundaries.Count > 0 && AnyAllow(set.Boundaries, PolicySource.Boundary, request, result) == PrincipalMatch.None)
            return Implicit(result, "the permissions boundary does not allow the request");
        if (set.SessionPolicy != null && AnyAllow(set.SessionPolicy, PolicySource.Session, request, result) == PrincipalMatch.None)
            return Implicit(result, "the session policy does not allow the request");
        if (result != null) result.Reason = "allowed";
        return Decision.Allowed;
    }

    private static Decision Implicit(EvaluationResult? result, string reason)
    {
        if (result != null)
        {
            result.Reason = "implicit deny: " + reason;
            result.Matched.Clear();
        }
        return Decision.ImplicitDeny;
    }

    private static bool SameAccount(PolicySet set, EvalRequest request)
    {
        string? resourceAccount = set.ResourceAccount ?? request.ResourceAccount;
        string? principalAccount = request.Principal?.Account;
        if (resourceAccount == null) return true; // no account in the resource: treat as the caller's own
        return principalAccount != null && principalAccount == resourceAccount;
    }

    private static bool AnyDeny(IReadOnlyList<PolicyDocument> docs, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        bool any = false;
        for (int i = 0; i < docs.Count; i++) any |= AnyDeny(docs[i], source, request, result);
        return any;
    }

    private static bool AnyDeny(PolicyDocument doc, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        bool any = false;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!s.IsDeny) continue;
            if (Applies(doc, s, source, request, result) != PrincipalMatch.None)
            {
                any = true;
                if (result == null) return true;
            }
        }
        return any;
    }

    private static PrincipalMatch AnyAllow(IReadOnlyList<PolicyDocument> docs, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        var best = PrincipalMatch.None;
        for (int i = 0; i < docs.Count; i++)
        {
            var m = AnyAllow(docs[i], source, request, result);
            if (m > best) best = m;
            if (best == PrincipalMatch.Exact && result == null) break;
        }
        return best;
    }

    private static PrincipalMatch AnyAllow(PolicyDocument doc, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        var best = PrincipalMatch.None;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (!s.IsAllow) continue;
            var m = Applies(doc, s, source, request, result);
            if (m > best) best = m;
            if (best == PrincipalMatch.Exact && result == null) break;
        }
        return best;
    }

    /// <summary>Whether the statement applies; for a resource policy, how the principal was named.</summary>
    private static PrincipalMatch Applies(PolicyDocument doc, Statement s, PolicySource source, EvalRequest request, EvaluationResult? result)
    {
        StatementTrace? trace = null;
        if (result != null)
        {
            trace = new StatementTrace(source, doc, s);
            result.Trace.Add(trace);
        }
        bool variables = doc.Version != null && doc.Version.Value == "2012-10-17";

        bool action = MatchAction(s, request.Action);
        if (trace != null) trace.Action = action;
        if (!action) return PrincipalMatch.None;

        bool resource = MatchResource(s, source, request, variables, trace);
        if (trace != null) trace.Resource = resource;
        if (!resource) return PrincipalMatch.None;

        var principal = PrincipalMatch.Exact;
        if (source == PolicySource.Resource)
        {
            principal = MatchPrincipal(s, request.Principal);
            if (trace != null)
            {
                trace.Principal = principal != PrincipalMatch.None;
                if (principal == PrincipalMatch.None) trace.Notes.Add($"principal {request.Principal?.Text ?? "(none)"} is not named");
            }
            if (principal == PrincipalMatch.None) return PrincipalMatch.None;
        }

        bool condition = ConditionEvaluator.Holds(s.Condition, request.Context, variables, trace?.Notes);
        if (trace != null) trace.Condition = condition;
        if (!condition) return PrincipalMatch.None;

        if (trace != null)
        {
            trace.Applies = true;
            result!.Matched.Add(trace);
        }
        return principal;
    }

    public static bool MatchAction(Statement s, string action)
    {
        if (s.Action != null) return AnyLike(s.Action.Values, action);
        if (s.NotAction != null) return !AnyLike(s.NotAction.Values, action);
        return false;
    }

    private static bool AnyLike(IReadOnlyList<StringValue> patterns, string action)
    {
        for (int i = 0; i < patterns.Count; i++)
        {
            if (Patterns.Like(patterns[i].Value, action, ignoreCase: true)) return true;
        }
        return false;
    }

    private static bool MatchResource(Statement s, PolicySource source, EvalRequest request, bool variables, StatementTrace? trace)
    {
        if (s.Resource != null) return AnyResource(s.Resource.Values, request, variables, trace);
        if (s.NotResource != null) return !AnyResource(s.NotResource.Values, request, variables, trace);
        // A resource policy without Resource applies to the resource it is attached to (a role trust policy).
        return source == PolicySource.Resource;
    }

    private static bool AnyResource(IReadOnlyList<StringValue> patterns, EvalRequest request, bool variables, StatementTrace? trace)
    {
        for (int i = 0; i < patterns.Count; i++)
        {
            string pattern = patterns[i].Value;
            if (variables && PolicyVariables.HasVariable(pattern))
            {
                if (!PolicyVariables.TryResolve(pattern, request.Context, out pattern, out string? missing))
                {
                    trace?.Notes.Add($"${{{missing}}} has no value in the request, so \"{patterns[i].Value}\" matches nothing");
                    continue;
                }
            }
            if (Patterns.ArnLike(pattern, request.Resource)) return true;
        }
        return false;
    }

    private static PrincipalMatch MatchPrincipal(Statement s, CallerPrincipal? caller)
    {
        if (caller == null) return PrincipalMatch.None;
        if (s.Principal != null)
        {
            var best = PrincipalMatch.None;
            foreach (var e in s.Principal.Entries)
            {
                if (!caller.MatchedBy(e.Type, e.Value.Value)) continue;
                var m = NamesExactly(e, caller) ? PrincipalMatch.Exact : PrincipalMatch.Account;
                if (m > best) best = m;
            }
            return best;
        }
        if (s.NotPrincipal != null)
        {
            foreach (var e in s.NotPrincipal.Entries)
            {
                if (caller.MatchedBy(e.Type, e.Value.Value)) return PrincipalMatch.None;
            }
            return PrincipalMatch.Account;
        }
        return PrincipalMatch.None;
    }

    /// <summary>Named as itself (its ARN, its role, a service) rather than through its account or "*".</summary>
    private static bool NamesExactly(PrincipalEntry e, CallerPrincipal caller)
    {
        string v = e.Value.Value;
        if (v == "*" || CallerPrincipal.IsAccountId(v)) return false;
        return !v.EndsWith(":root", StringComparison.Ordinal);
    }
}

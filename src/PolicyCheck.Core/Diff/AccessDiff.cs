using System;
using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Diff;

/// <summary>
/// What a change does to one role, decided by evaluation: the same concrete requests run against the role before
/// (BASE) and after (HEAD). The gateway's own requests that stop being allowed are broken; any request allowed after
/// and not before is new access; one allowed before and not after is removed access. Requests whose decision depends
/// on values unknown offline are decided on sample values taken from both versions' conditions, else reported as "may".
/// </summary>
public sealed class AccessDiff
{
    /// <summary>Findings per role beyond which the rest are counted in one line.</summary>
    public const int MaxFindingsPerRole = 100;
    private const int MaxSampleKeys = 3;
    private const int MaxSamples = 256;

    private readonly GatewayConfig _config;
    private readonly ServiceFacts _facts;
    private readonly RuleIndex _rules;
    private readonly ActionUniverse _universe;
    private readonly DateTime _now;
    private readonly Func<string, string> _basePath;

    public AccessDiff(GatewayConfig config, ServiceFacts facts, RuleIndex rules, ActionUniverse universe, DateTime now, Func<string, string>? basePath = null)
    {
        _config = config;
        _facts = facts;
        _rules = rules;
        _universe = universe;
        _now = now;
        _basePath = basePath ?? (p => p);
    }

    /// <summary>Requests evaluated on both sides (a figure for the benchmark and the summary).</summary>
    public int Evaluations { get; private set; }

    private sealed class Side
    {
        public Side(RoleGroup? role)
        {
            Role = role;
            Permissions = role == null ? new PolicySet() : GatewayRequests.Permissions(role);
            Trusts = role == null ? new List<PolicyDocument>() : role.OfKind(DocumentKind.Trust).ToList();
        }

        public RoleGroup? Role { get; }
        public PolicySet Permissions { get; }
        public List<PolicyDocument> Trusts { get; }
    }

    private enum ProbeKind { FeatureCall, OtherCall, GatewayAssume, WrongExternalId, Candidate }

    private sealed class Probe
    {
        public Probe(EvalRequest request, bool trust, ProbeKind kind, string who, string variant = "")
        {
            Request = request;
            Trust = trust;
            Kind = kind;
            Who = who;
            Variant = variant;
        }

        public EvalRequest Request { get; }
        public bool Trust { get; }
        public ProbeKind Kind { get; }
        /// <summary>For trust probes: who asks ("a role in account 444455556666").</summary>
        public string Who { get; }
        /// <summary>For trust probes: the external ID it carries: <see cref="Right"/>, <see cref="Wrong"/>, <see cref="Absent"/> or "".</summary>
        public string Variant { get; }
        public bool IsGateway => Kind != ProbeKind.Candidate;
        /// <summary>For a resource witness: the HEAD or BASE pattern it stands for, when it is not the pattern itself.</summary>
        public string? Pattern { get; set; }
    }

    private const string Right = " with the right external ID", Wrong = " with a wrong external ID", Absent = " without an external ID", AnyId = " with an external ID";

    /// <summary>One caller's external-ID variants that changed alike, said once ("with a wrong external ID or none").</summary>
    private static string Variants(List<string> v)
    {
        bool r = v.Contains(Right), w = v.Contains(Wrong), a = v.Contains(Absent), any = v.Contains(AnyId);
        if (any && a) return string.Empty;
        if (r && w && a) return " with any external ID or none";
        if (r && w) return " with any external ID";
        if (w && a) return " with a wrong external ID or none";
        if (r && a) return " with the right external ID or none";
        return v.Count > 0 ? v[0] : string.Empty;
    }

    private enum Change { Same, Added, Removed, MayAdd, MayRemove }

    private sealed class Outcome
    {
        public List<Change> Changes { get; } = new List<Change>();
        public EvaluationResult Before = null!;
        public EvaluationResult After = null!;
        public PolicyDocument? AfterDoc;
        public PolicyDocument? BeforeDoc;
        public string? When;
        public EvalRequest? WhenRequest;
        public List<string> Keys { get; } = new List<string>();
    }

    /// <summary>Whether two versions of a role read the same, statement for statement (order aside): nothing to evaluate.</summary>
    public static bool SameText(RoleGroup a, RoleGroup b) => Fingerprint(a) == Fingerprint(b);

    /// <summary>The findings for one role: <paramref name="before"/> or <paramref name="after"/> is null when it was added or removed.</summary>
    public List<Diagnostic> Compare(RoleGroup? before, RoleGroup? after)
    {
        var found = new List<Diagnostic>();
        if (before == null && after == null) return found;
        if (before != null && after != null && SameText(before, after)) return found;
        var b = new Side(before);
        var h = new Side(after);
        var anchor = after ?? before!;
        var gw = new GatewayRequests(anchor, _config, _facts, _now);
        var secrets = Secrets(before, after);

        if (before == null) AddRoleNote(found, RuleIds.RoleAdded, after!, $"{Describe(after!)} is new: every access it grants is new access", _ => _);
        if (after == null) AddRoleNote(found, RuleIds.RoleRemoved, before!, $"{Describe(before!)} was removed: the access it granted is gone", _basePath);

        var probes = new List<Probe>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Probe p)
        {
            string key = p.Request.Action.ToLowerInvariant() + "\n" + p.Request.Resource + "\n" + p.Request.Principal?.Text + "\n" + ExternalIdOf(p.Request) + "\n" + p.Trust;
            if (seen.Add(key)) probes.Add(p);
        }
        bool gatewayRole = (before?.IsGatewayRole ?? false) || (after?.IsGatewayRole ?? false);
        if (gatewayRole) GatewayProbes(gw, before, after, Add);
        PermissionProbes(gw, before, after, Add);
        if (b.Trusts.Count > 0 || h.Trusts.Count > 0) TrustProbes(gw, before, after, Add);

        var groups = new Dictionary<string, (Diagnostic? Made, List<string> Actions, Func<List<string>, Diagnostic> Make)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var probe in probes)
        {
            var o = Run(b, h, gw, probe, before, after);
            foreach (var change in o.Changes)
            {
                var made = Finding(probe, o, change, before, after, secrets);
                if (made == null) continue;
                var (key, make) = made.Value;
                if (!groups.TryGetValue(key, out var g))
                {
                    g = (null, new List<string>(), make);
                    order.Add(key);
                }
                // Trust findings group one caller's external-ID variants; the others, the actions on one resource.
                string item = probe.Trust ? probe.Variant : probe.Request.Action;
                if (!g.Actions.Contains(item, StringComparer.OrdinalIgnoreCase)) g.Actions.Add(item);
                groups[key] = g;
            }
        }
        int shown = 0;
        foreach (var key in order)
        {
            var g = groups[key];
            if (shown == MaxFindingsPerRole)
            {
                var first = found.Count > 0 ? found[found.Count - 1] : null;
                found.Add(new Diagnostic(RuleIds.NewAccess, Severity.Warning,
                    $"{order.Count - shown} more changed grants of {Describe(anchor)} are not listed (at most {MaxFindingsPerRole} per role)",
                    null, first?.Path ?? anchor.Name, first?.Span ?? SourceSpan.FileStart));
                break;
            }
            found.Add(g.Make(g.Actions));
            shown++;
        }
        return found;
    }

    private void AddRoleNote(List<Diagnostic> found, string ruleId, RoleGroup role, string message, Func<string, string> path)
    {
        var doc = role.Documents.Count > 0 ? role.Documents[0] : null;
        var d = _rules.Get(ruleId);
        found.Add(new Diagnostic(ruleId, d.DefaultSeverity, message, null, path(doc?.Path ?? role.Name), doc != null ? doc.InFile(doc.RootSpan) : SourceSpan.FileStart, doc?.Label));
    }

    private static string Describe(RoleGroup role) => "the role " + role.Name;

    private static string?[] Secrets(RoleGroup? before, RoleGroup? after)
    {
        var list = new List<string?>();
        foreach (var r in new[] { before, after })
        {
            if (r == null) continue;
            foreach (var d in r.Documents) list.AddRange(d.ExternalIds());
        }
        return list.ToArray();
    }

    private static string? ExternalIdOf(EvalRequest r) => r.Context.TryGet("sts:ExternalId", out var v) && v.Values.Count > 0 ? v.Values[0] : null;

    // ---- probes ------------------------------------------------------------------------------------------------

    /// <summary>The gateway's calls: every Claude Platform action on the workspace, from the role's session.</summary>
    private void GatewayProbes(GatewayRequests gw, RoleGroup? before, RoleGroup? after, Action<Probe> add)
    {
        var featureActions = new HashSet<string>(Access.RequiredActions(_config, _facts), StringComparer.OrdinalIgnoreCase);
        var workspaces = new List<GatewayRequests> { gw };
        // A change of workspace ARN: the calls on the old workspace count too.
        foreach (var r in new[] { before, after })
        {
            if (r == null) continue;
            var other = new GatewayRequests(r, _config, _facts, _now);
            if (!workspaces.Exists(w => w.WorkspaceArn == other.WorkspaceArn)) workspaces.Add(other);
        }
        foreach (var w in workspaces)
        {
            foreach (var a in _facts.Actions)
            {
                var fact = a;
                string q = _facts.Qualified(a.Name);
                add(new Probe(gw.Request(q, w.ResourceFor(fact)), false, featureActions.Contains(a.Name) ? ProbeKind.FeatureCall : ProbeKind.OtherCall, "the gateway"));
            }
        }
        bool hasTrust = (before?.Has(DocumentKind.Trust) ?? false) || (after?.Has(DocumentKind.Trust) ?? false);
        if (!hasTrust) return;
        var ids = RightExternalIds(before, after);
        foreach (var p in _config.ExpectedPrincipals(_facts))
        {
            var session = GatewayRequests.SessionOf(p);
            foreach (var id in ids.Count > 0 ? ids : new List<string?> { null })
                add(new Probe(gw.AssumeRole(session, id), true, ProbeKind.GatewayAssume, $"the gateway's principal {p}", id != null ? Right : string.Empty));
            string wrong = (ids.Count > 0 ? ids[0] : "expected") + "-wrong";
            add(new Probe(gw.AssumeRole(session, wrong), true, ProbeKind.WrongExternalId, $"the gateway's principal {p}", ids.Count > 0 ? Wrong : AnyId));
            add(new Probe(gw.AssumeRole(session, null), true, ProbeKind.WrongExternalId, $"the gateway's principal {p}", Absent));
        }
    }

    private List<string?> RightExternalIds(RoleGroup? before, RoleGroup? after)
    {
        var ids = new List<string?>();
        if (_config.ExternalIdValue != null) ids.Add(_config.ExternalIdValue.Value);
        foreach (var r in new[] { after, before })
        {
            if (r == null) continue;
            foreach (var d in r.OfKind(DocumentKind.Trust))
            {
                foreach (var id in d.ExternalIds())
                {
                    if (!Wildcard.HasWildcard(id) && !ids.Contains(id)) ids.Add(id);
                }
            }
        }
        return ids;
    }

    /// <summary>Each action an Allow of either version grants, on each resource either version names for it.</summary>
    private void PermissionProbes(GatewayRequests gw, RoleGroup? before, RoleGroup? after, Action<Probe> add)
    {
        var allows = new List<Statement>();
        var headAllows = new List<Statement>();
        var baseAllows = new List<Statement>();
        foreach (var r in new[] { after, before })
        {
            if (r == null) continue;
            foreach (var d in r.PermissionDocuments())
                foreach (var s in d.Statements)
                {
                    if (!s.IsAllow) continue;
                    allows.Add(s);
                    (r == after ? headAllows : baseAllows).Add(s);
                }
        }
        var actions = new List<string>();
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in allows)
        {
            IEnumerable<string> granted = s.Action != null
                ? s.Action.Values.SelectMany(v => _universe.Expand(v.Value))
                : s.NotAction != null ? _universe.Except(s.NotAction.Values.Select(v => v.Value).ToList()) : Enumerable.Empty<string>();
            foreach (var a in granted) if (known.Add(a)) actions.Add(a);
        }
        foreach (var action in actions)
        {
            var resources = new List<(string Witness, string Pattern)>();
            foreach (var s in allows)
            {
                if (!Access.CoversAction(s, action)) continue;
                var list = s.Resource ?? s.NotResource;
                if (list == null) continue;
                if (s.NotResource != null) resources.Add(("*", "*"));
                foreach (var v in list.Values)
                {
                    foreach (var w in Witnesses(v.Value)) if (!resources.Exists(x => x.Witness == w)) resources.Add((w, v.Value));
                }
            }
            if (before != null && after != null)
            {
                // A pattern the other side covers only in part, by no single pattern of its own: one string it misses.
                foreach (var (side, other) in new[] { (headAllows, baseAllows), (baseAllows, headAllows) })
                {
                    var outers = ResourcePatterns(other, action);
                    if (outers == null || outers.Count == 0) continue;
                    foreach (var inner in ResourcePatterns(side, action) ?? new List<string>())
                    {
                        if (!Wildcard.HasWildcard(inner)) continue;
                        string key = inner + "\n" + string.Join("\n", outers);
                        if (!_uncovered.TryGetValue(key, out var w))
                            _uncovered[key] = w = GlobCover.Uncovered(inner, outers, ignoreCase: false);
                        if (w != null && !resources.Exists(x => x.Witness == w)) resources.Add((w, inner));
                    }
                }
            }
            foreach (var (w, pattern) in resources)
                add(new Probe(gw.Request(action, w), false, ProbeKind.Candidate, "the role") { Pattern = w == pattern ? null : pattern });
        }
    }

    private readonly Dictionary<string, string?> _uncovered = new(StringComparer.Ordinal);

    /// <summary>The Resource patterns of the Allows that name the action; null when one uses NotResource (no finite list).</summary>
    private static List<string>? ResourcePatterns(List<Statement> allows, string action)
    {
        var patterns = new List<string>();
        foreach (var s in allows)
        {
            if (!Access.CoversAction(s, action)) continue;
            if (s.NotResource != null) return null;
            if (s.Resource == null) continue;
            foreach (var v in s.Resource.Values) if (!patterns.Contains(v.Value)) patterns.Add(v.Value);
        }
        return patterns;
    }

    /// <summary>Concrete resources that stand for a pattern: the pattern's own text, and two instances of it.</summary>
    public static IEnumerable<string> Witnesses(string pattern)
    {
        yield return pattern;
        if (!Wildcard.HasWildcard(pattern)) yield break;
        yield return pattern.Replace("*", "pcdiff").Replace('?', 'p');
        yield return pattern.Replace("*", string.Empty).Replace('?', 'p');
    }

    /// <summary>Every principal either version's trust names, and strangers, with the right, a wrong and no external ID.</summary>
    private void TrustProbes(GatewayRequests gw, RoleGroup? before, RoleGroup? after, Action<Probe> add)
    {
        var callers = new List<(CallerPrincipal Caller, string Who)>();
        var actions = new List<string> { "sts:AssumeRole" };
        foreach (var r in new[] { after, before })
        {
            if (r == null) continue;
            foreach (var d in r.OfKind(DocumentKind.Trust))
            {
                foreach (var s in d.Statements)
                {
                    if (!s.IsAllow) continue;
                    if (s.Action != null)
                    {
                        foreach (var v in s.Action.Values)
                            foreach (var a in _universe.Expand(v.Value))
                                if (Evaluator.IsTrustAction(a) && !actions.Contains(a, StringComparer.OrdinalIgnoreCase)) actions.Add(a);
                    }
                    if (s.Principal == null) continue;
                    foreach (var e in s.Principal.Entries)
                    {
                        string v = e.Value.Value;
                        if (e.Type == "CanonicalUser") continue;
                        var parsed = CallerPrincipal.Parse(v);
                        var caller = parsed.Kind switch
                        {
                            PrincipalKind.Role => GatewayRequests.SessionOf(v),
                            PrincipalKind.Account when parsed.Account != null => CallerPrincipal.Parse($"arn:{parsed.Partition ?? "aws"}:sts::{parsed.Account}:assumed-role/SomeRole/session"),
                            _ => parsed,
                        };
                        string who = parsed.Kind == PrincipalKind.Anonymous ? "anyone (\"*\")" : parsed.Kind == PrincipalKind.Account ? $"a role in account {parsed.Account}" : v;
                        if (!callers.Exists(c => c.Caller.Text == caller.Text)) callers.Add((caller, who));
                    }
                }
            }
        }
        string other = GatewayRequests.OtherAccount;
        foreach (var (text, who) in new[]
        {
            ($"arn:aws:sts::{other}:assumed-role/SomeRole/session", $"a role in another account ({other})"),
            ("*", "an anonymous caller"),
            ($"arn:aws:iam::{gw.Account}:user/someone-else", $"an IAM user of the role's own account ({gw.Account})"),
        })
        {
            var c = CallerPrincipal.Parse(text);
            if (!callers.Exists(x => x.Caller.Text == c.Text)) callers.Add((c, who));
        }
        var ids = RightExternalIds(before, after);
        string wrong = (ids.Count > 0 ? ids[0] : "expected") + "-wrong";
        foreach (var (caller, who) in callers)
        {
            foreach (var action in actions)
            {
                foreach (var id in ids) add(new Probe(gw.AssumeRole(caller, id, action), true, ProbeKind.Candidate, who, Right));
                add(new Probe(gw.AssumeRole(caller, wrong, action), true, ProbeKind.Candidate, who, ids.Count > 0 ? Wrong : AnyId));
                add(new Probe(gw.AssumeRole(caller, null, action), true, ProbeKind.Candidate, who, Absent));
            }
        }
    }

    // ---- evaluation --------------------------------------------------------------------------------------------

    private (PolicyDocument? Doc, EvaluationResult Result) Evaluate(Side side, GatewayRequests gw, EvalRequest request, bool trust)
    {
        Evaluations++;
        if (!trust) return (null, Evaluator.Evaluate(side.Permissions, request));
        PolicyDocument? lastDoc = null, dependsDoc = null;
        EvaluationResult? last = null, depends = null;
        foreach (var doc in side.Trusts)
        {
            var r = Evaluator.Evaluate(gw.Trust(doc), request);
            if (r.Decision == Decision.Allowed) return (doc, r);
            if (r.Decision == Decision.Depends)
            {
                depends ??= r;
                dependsDoc ??= doc;
            }
            else if (last == null || r.Decision == Decision.ExplicitDeny)
            {
                last = r;
                lastDoc = doc;
            }
        }
        if (depends != null) return (dependsDoc, depends);
        return (lastDoc, last ?? new EvaluationResult { Decision = Decision.ImplicitDeny, Reason = "the role has no trust policy" });
    }

    private Decision Decide(Side side, GatewayRequests gw, EvalRequest request, bool trust)
    {
        Evaluations++;
        if (!trust) return Evaluator.Decide(side.Permissions, request);
        var best = Decision.ImplicitDeny;
        foreach (var doc in side.Trusts)
        {
            var d = Evaluator.Decide(gw.Trust(doc), request);
            if (d == Decision.Allowed) return d;
            if (d == Decision.Depends) best = d;
        }
        return best;
    }

    private Outcome Run(Side b, Side h, GatewayRequests gw, Probe probe, RoleGroup? before, RoleGroup? after)
    {
        var o = new Outcome();
        var db = Decide(b, gw, probe.Request, probe.Trust);
        var dh = Decide(h, gw, probe.Request, probe.Trust);
        if (db == dh && db != Decision.Depends) return o;
        if (db != Decision.Depends && dh != Decision.Depends && (db == Decision.Allowed) == (dh == Decision.Allowed)) return o;
        (o.BeforeDoc, o.Before) = Evaluate(b, gw, probe.Request, probe.Trust);
        (o.AfterDoc, o.After) = Evaluate(h, gw, probe.Request, probe.Trust);
        if (db != Decision.Depends && dh != Decision.Depends)
        {
            o.Changes.Add(dh == Decision.Allowed ? Change.Added : Change.Removed);
            return o;
        }
        foreach (var k in o.Before.DependsOn.Concat(o.After.DependsOn)) if (!o.Keys.Contains(k, StringComparer.OrdinalIgnoreCase)) o.Keys.Add(k);
        // Sample values from both versions' conditions: an assignment that separates them is a certain change.
        EvalRequest? added = null, removed = null;
        string? addedWhen = null, removedWhen = null;
        foreach (var (ctx, when) in Samples(probe.Request.Context, o.Keys, before, after))
        {
            var r = new EvalRequest(probe.Request.Action, probe.Request.Resource, probe.Request.Principal, ctx);
            var sb = Decide(b, gw, r, probe.Trust);
            var sh = Decide(h, gw, r, probe.Trust);
            if (added == null && sh == Decision.Allowed && sb != Decision.Allowed && sb != Decision.Depends) (added, addedWhen) = (r, when);
            if (removed == null && sb == Decision.Allowed && sh != Decision.Allowed && sh != Decision.Depends) (removed, removedWhen) = (r, when);
            if (added != null && removed != null) break;
        }
        if (added != null || removed != null)
        {
            var r = added ?? removed!;
            o.When = added != null ? addedWhen : removedWhen;
            o.WhenRequest = r;
            (o.BeforeDoc, o.Before) = Evaluate(b, gw, r, probe.Trust);
            (o.AfterDoc, o.After) = Evaluate(h, gw, r, probe.Trust);
            o.Changes.Add(added != null ? Change.Added : Change.Removed);
            return o;
        }
        if (db == Decision.Depends && dh == Decision.Depends && SameConditions(o.Before, o.After)) return o;
        bool hMay = dh == Decision.Allowed || (dh == Decision.Depends && o.After.AllowDepends);
        bool bMay = db == Decision.Allowed || (db == Decision.Depends && o.Before.AllowDepends);
        bool hMayNot = dh != Decision.Allowed;
        bool bMayNot = db != Decision.Allowed;
        if (hMay && bMayNot) o.Changes.Add(Change.MayAdd);
        if (bMay && hMayNot) o.Changes.Add(Change.MayRemove);
        return o;
    }

    /// <summary>Whether the statements that may decide read the same conditions on both sides.</summary>
    private static bool SameConditions(EvaluationResult before, EvaluationResult after)
    {
        static HashSet<string> Of(EvaluationResult r)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in r.Matched.Concat(r.MayMatch)) set.Add(t.Effect + " " + ConditionText(t.Statement.Condition));
            return set;
        }
        return Of(before).SetEquals(Of(after));
    }

    /// <summary>Assignments of the unknown keys to values both versions' conditions name (plus absent and another value).</summary>
    private static IEnumerable<(RequestContext Context, string When)> Samples(RequestContext context, List<string> keys, RoleGroup? before, RoleGroup? after)
    {
        if (keys.Count == 0 || keys.Count > MaxSampleKeys) yield break;
        var choices = new List<List<(ContextValue? Value, string Text)>>();
        foreach (var key in keys)
        {
            var values = new List<(ContextValue? Value, string Text)> { (null, "absent") };
            var type = ContextType.String;
            var texts = new List<string>();
            foreach (var r in new[] { after, before })
            {
                if (r == null) continue;
                foreach (var (_, _, clause) in r.ConditionClauses())
                {
                    if (!KeyMatches(key, clause.Key.Value)) continue;
                    type = TypeOf(clause.BaseOperator);
                    foreach (var v in clause.Values) foreach (var t in SampleValues(v.Value, type)) if (!texts.Contains(t)) texts.Add(t);
                }
            }
            texts.Add(type switch { ContextType.Ip => "192.0.2.1", ContextType.Numeric => "0", ContextType.Boolean => "false", ContextType.Date => "2000-01-01T00:00:00Z", _ => "pcdiff-other" });
            if (type == ContextType.Boolean && !texts.Contains("true")) texts.Add("true");
            foreach (var t in texts.Take(12))
            {
                if (RequestContext.CheckType(t, type) != null) continue;
                values.Add((new ContextValue(new[] { t }, type), t));
            }
            choices.Add(values);
        }
        long total = 1;
        foreach (var c in choices) total *= c.Count;
        if (total > MaxSamples) yield break;
        var index = new int[keys.Count];
        while (true)
        {
            var ctx = context.Copy();
            var when = new List<string>();
            for (int i = 0; i < keys.Count; i++)
            {
                var (value, text) = choices[i][index[i]];
                if (value == null) ctx.SetAbsent(keys[i]);
                else ctx.Set(keys[i], value);
                when.Add(value == null ? $"{keys[i]} is absent" : $"{keys[i]} is {text}");
            }
            yield return (ctx, string.Join(" and ", when));
            int k = 0;
            while (k < index.Length && ++index[k] == choices[k].Count)
            {
                index[k] = 0;
                k++;
            }
            if (k == index.Length) yield break;
        }
    }

    private static bool KeyMatches(string key, string clauseKey)
        => string.Equals(key, clauseKey, StringComparison.OrdinalIgnoreCase)
           || (key.EndsWith("*", StringComparison.Ordinal) && clauseKey.StartsWith(key.Substring(0, key.Length - 1), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> SampleValues(string v, ContextType type)
    {
        if (type == ContextType.Ip)
        {
            int slash = v.IndexOf('/');
            yield return slash > 0 ? v.Substring(0, slash) : v;
            yield break;
        }
        if (type == ContextType.Numeric && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n))
        {
            yield return v;
            yield return (n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield break;
        }
        if (type == ContextType.String && Wildcard.HasWildcard(v))
        {
            foreach (var w in Witnesses(v)) yield return w;
            yield break;
        }
        yield return v;
    }

    private static ContextType TypeOf(string op)
    {
        if (op.IndexOf("IpAddress", StringComparison.Ordinal) >= 0) return ContextType.Ip;
        if (op.StartsWith("Numeric", StringComparison.Ordinal)) return ContextType.Numeric;
        if (op.StartsWith("Date", StringComparison.Ordinal)) return ContextType.Date;
        if (op == "Bool") return ContextType.Boolean;
        if (op.StartsWith("Arn", StringComparison.Ordinal)) return ContextType.Arn;
        return ContextType.String;
    }

    // ---- findings ----------------------------------------------------------------------------------------------

    private (string Key, Func<List<string>, Diagnostic> Make)? Finding(Probe probe, Outcome o, Change change, RoleGroup? before, RoleGroup? after, string?[] secrets)
    {
        string ruleId;
        Severity? severity = null;
        switch (change)
        {
            case Change.Removed when probe.Kind is ProbeKind.FeatureCall or ProbeKind.GatewayAssume:
                ruleId = RuleIds.GatewayRequestBroken;
                break;
            case Change.Removed when probe.Kind == ProbeKind.OtherCall:
                ruleId = RuleIds.GatewayRequestBroken;
                severity = Severity.Warning; // not an action of the configured features: the gateway keeps working
                break;
            case Change.MayRemove when probe.Kind is ProbeKind.FeatureCall or ProbeKind.GatewayAssume:
                ruleId = RuleIds.MayBreak;
                break;
            case Change.Removed:
                ruleId = RuleIds.AccessRemoved;
                break;
            case Change.Added:
                ruleId = RuleIds.NewAccess;
                break;
            case Change.MayAdd:
                ruleId = RuleIds.MayGrant;
                break;
            default:
                return null;
        }
        var descriptor = _rules.Get(ruleId);
        var sev = severity ?? descriptor.DefaultSeverity;
        var request = o.WhenRequest ?? probe.Request;
        string when = o.When != null ? " when " + o.When : string.Empty;
        string depends = o.Keys.Count > 0 && change is Change.MayAdd or Change.MayRemove ? " (" + Proofs.DependsOn(o.Keys) + ")" : string.Empty;
        string? fix = change is Change.MayAdd or Change.MayRemove
            ? $"supply the value to decide it: diff --context {(o.Keys.Count > 0 ? o.Keys[0] : "KEY")}=VALUE (or gateway.context in policycheck.yml)"
            : null;
        IReadOnlyList<string> Trace() => Proofs.TraceOf(o.Before, request, secrets).Select(l => "base: " + l)
            .Concat(Proofs.TraceOf(o.After, request, secrets).Select(l => "head: " + l)).ToList();

        // Where: HEAD's statement that now grants, denies or misses; BASE's when HEAD has no such line.
        PolicyDocument? doc;
        SourceSpan span;
        string? label;
        bool inBase = false;
        if (change is Change.Added or Change.MayAdd)
        {
            var t = FirstAllow(o.After.Matched) ?? FirstAllow(o.After.MayMatch);
            doc = t?.Document ?? o.AfterDoc;
            span = t != null ? GrantSpan(t.Statement, probe, request, before) : doc?.RootSpan ?? SourceSpan.FileStart;
        }
        else if (after != null && (probe.IsGateway || change == Change.MayRemove))
        {
            var deny = o.After.Matched.FirstOrDefault(t => t.Statement.IsDeny) ?? o.After.MayMatch.FirstOrDefault(t => t.Statement.IsDeny);
            var near = deny ?? o.After.NearestMiss ?? Counterpart(o.After, o.Before);
            doc = near?.Document ?? o.AfterDoc ?? FirstDoc(after, probe.Trust);
            span = near != null ? ActionSpan(near.Statement, request.Action) : doc?.RootSpan ?? SourceSpan.FileStart;
        }
        else
        {
            var t = FirstAllow(o.Before.Matched) ?? FirstAllow(o.Before.MayMatch);
            doc = t?.Document ?? o.BeforeDoc ?? (before != null ? FirstDoc(before, probe.Trust) : null);
            span = t != null ? ActionSpan(t.Statement, request.Action) : doc?.RootSpan ?? SourceSpan.FileStart;
            inBase = true;
        }
        if (doc == null) return null;
        bool regrant = change == Change.Removed && probe.IsGateway && !probe.Trust && after != null && !o.After.Matched.Exists(t => t.Statement.IsDeny);
        if (change == Change.Removed && probe.IsGateway && !probe.Trust && !regrant) fix = "Narrow the Deny shown so that it leaves the gateway's request out.";
        span = doc.InFile(span);
        label = doc.Label;
        string path = inBase ? _basePath(doc.Path) : doc.Path;
        string key = ruleId + "\n" + path + "\n" + span.Line + ":" + span.Column + "\n" + (probe.Trust ? probe.Who + request.Action : probe.Pattern ?? request.Resource) + "\n" + when;
        string statement = DeciderLabel(o, change);
        return (key, actions => new Diagnostic(ruleId, sev, Proofs.Redact(Message(change, probe, actions, What(probe, request, actions), statement, when, depends, sev), secrets), regrant ? $"Allow {Names.List(actions, 5)} again on {request.Resource}: in the statement shown, or a statement of its own." : fix ?? descriptor.Fix, path, span, label) { TraceFactory = Trace, Depends = change is Change.MayAdd or Change.MayRemove });
    }

    private static StatementTrace? FirstAllow(List<StatementTrace> list) => list.FirstOrDefault(t => t.Statement.IsAllow);

    /// <summary>
    /// HEAD's statement that stands where BASE's grant was, when no HEAD statement names the action: the Allow whose
    /// resource (or principal) still matches, else the one with BASE's Sid.
    /// </summary>
    private static StatementTrace? Counterpart(EvaluationResult after, EvaluationResult before)
    {
        StatementTrace? best = null;
        foreach (var t in after.Trace)
        {
            if (!t.Statement.IsAllow || (t.Resource != true && t.Principal != true)) continue;
            if (best == null || t.Score > best.Score) best = t;
        }
        if (best != null) return best;
        string? sid = FirstAllow(before.Matched)?.Statement.Sid?.Value;
        return sid == null ? null : after.Trace.FirstOrDefault(t => t.Statement.IsAllow && t.Statement.Sid?.Value == sid);
    }

    private static PolicyDocument? FirstDoc(RoleGroup role, bool trust)
        => role.Documents.FirstOrDefault(d => d.IsParsed && (d.Kind == DocumentKind.Trust) == trust) ?? role.Documents.FirstOrDefault();

    private static string DeciderLabel(Outcome o, Change change)
    {
        if (change is Change.Added or Change.MayAdd)
        {
            var t = FirstAllow(o.After.Matched) ?? FirstAllow(o.After.MayMatch);
            return t != null ? t.Statement.Label : "a statement";
        }
        var deny = o.After.Matched.FirstOrDefault(t => t.Statement.IsDeny) ?? o.After.MayMatch.FirstOrDefault(t => t.Statement.IsDeny);
        if (deny != null) return deny.Statement.Label + " denies it";
        var before = FirstAllow(o.Before.Matched);
        return before != null ? $"BASE's {before.Statement.Label} allowed it and no statement allows it now" : "no statement allows it now";
    }

    private static string What(Probe probe, EvalRequest request, List<string> items)
    {
        if (probe.Trust) return $"{probe.Who}{Variants(items)} can assume the role ({request.Action})";
        string on = probe.Pattern != null ? $"{request.Resource} (an instance of {probe.Pattern})" : request.Resource;
        return on;
    }

    private static string Message(Change change, Probe probe, List<string> actions, string what, string statement, string when, string depends, Severity severity)
    {
        string acts = Names.List(actions, 5);
        switch (change)
        {
            case Change.Added when probe.Trust:
                return $"new access: {what}{when}: {statement} lets it through, and BASE did not";
            case Change.Added:
                return $"new access: {acts} on {what}{when}: {statement} grants {(actions.Count == 1 ? "it" : "them")}, and BASE did not";
            case Change.MayAdd when probe.Trust:
                return $"may grant: {what}{depends}: {statement} may let it through, and BASE did not the same way";
            case Change.MayAdd:
                return $"may grant: {acts} on {what}{depends}: {statement} may grant {(actions.Count == 1 ? "it" : "them")}, and BASE did not the same way";
            case Change.Removed when probe.Kind == ProbeKind.GatewayAssume:
                return $"broken: {what.Replace(" can assume", " could assume")}{when} and now cannot: {statement}";
            case Change.Removed when probe.IsGateway:
                string tail = severity == Severity.Warning ? " (not an action of the configured features)" : string.Empty;
                return $"broken: the gateway's {acts} on {what}{when} {(actions.Count == 1 ? "was" : "were")} allowed and {(actions.Count == 1 ? "is" : "are")} now denied: {statement}{tail}";
            case Change.MayRemove:
                return probe.Trust
                    ? $"may break: {what.Replace(" can assume", " could assume")} and now may not{depends}: {statement}"
                    : $"may break: the gateway's {acts} on {what} {(actions.Count == 1 ? "was" : "were")} allowed and now may be denied{depends}: {statement}";
            default:
                return probe.Trust
                    ? $"removed access: {what.Replace(" can assume", " could assume")}{when} and now cannot"
                    : $"removed access: {acts} on {what}{when} {(actions.Count == 1 ? "was" : "were")} granted and no longer {(actions.Count == 1 ? "is" : "are")}";
        }
    }

    /// <summary>The value that grants: the action, or the resource or principal when BASE already granted the action.</summary>
    private static SourceSpan GrantSpan(Statement s, Probe probe, EvalRequest request, RoleGroup? before)
    {
        if (probe.Trust)
        {
            bool named = false;
            if (before != null && s.Principal != null)
            {
                foreach (var d in before.OfKind(DocumentKind.Trust))
                    foreach (var bs in d.Statements)
                        if (bs.IsAllow && bs.Principal != null)
                            foreach (var e in bs.Principal.Entries)
                                if (request.Principal != null && request.Principal.MatchedBy(e.Type, e.Value.Value)) named = true;
            }
            if (!named && s.Principal != null)
            {
                foreach (var e in s.Principal.Entries)
                    if (request.Principal != null && request.Principal.MatchedBy(e.Type, e.Value.Value)) return e.Value.Span;
                return s.Principal.KeySpan;
            }
            if (s.Condition != null && s.Condition.Clauses.Count > 0)
            {
                var c = s.Condition.Clauses.FirstOrDefault(x => x.Key.Value.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase)) ?? s.Condition.Clauses[0];
                return c.Operator.Span;
            }
            return s.Principal?.KeySpan ?? s.Span;
        }
        bool actionBefore = false;
        if (before != null)
        {
            foreach (var d in before.PermissionDocuments())
                foreach (var bs in d.Statements)
                    if (bs.IsAllow && Access.CoversAction(bs, request.Action)) actionBefore = true;
        }
        if (actionBefore && s.Resource != null)
        {
            foreach (var v in s.Resource.Values)
                if (Wildcard.Match(v.Value, request.Resource, ignoreCase: false)) return v.Span;
            return s.Resource.KeySpan;
        }
        if (actionBefore && s.NotResource != null) return s.NotResource.KeySpan;
        if (actionBefore && s.Condition == null) return s.Span;
        if (actionBefore && s.Condition != null) return s.Condition.KeySpan;
        return ActionSpan(s, request.Action);
    }

    private static SourceSpan ActionSpan(Statement s, string action)
    {
        if (s.Action != null)
        {
            foreach (var v in s.Action.Values)
                if (Wildcard.Match(v.Value, action, ignoreCase: true)) return v.Span;
            return s.Action.KeySpan;
        }
        if (s.NotAction != null) return s.NotAction.KeySpan;
        return s.Span;
    }

    // ---- text identity -----------------------------------------------------------------------------------------

    /// <summary>The role's policies as a canonical text: statements and values sorted, so reordering reads the same.</summary>
    public static string Fingerprint(RoleGroup role)
    {
        var docs = new List<string>();
        foreach (var d in role.Documents) docs.Add(d.Kind + " " + DocumentText(d));
        foreach (var m in role.ManagedPolicies) docs.Add("managed " + m.Fact.Name);
        foreach (var d in role.Boundaries) docs.Add("boundary " + DocumentText(d));
        docs.Sort(StringComparer.Ordinal);
        return string.Join("\n", docs);
    }

    private static string DocumentText(PolicyDocument d)
    {
        if (!d.IsParsed) return "unparsed " + d.Path;
        var statements = new List<string>();
        foreach (var s in d.Statements)
        {
            statements.Add(string.Join("|",
                s.Effect?.Value,
                List(s.Action, true), List(s.NotAction, true), List(s.Resource, false), List(s.NotResource, false),
                Principals(s.Principal), Principals(s.NotPrincipal), ConditionText(s.Condition)));
        }
        statements.Sort(StringComparer.Ordinal);
        return (d.Version?.Value ?? "-") + "{" + string.Join(";", statements) + "}";
    }

    private static string List(ValueList? list, bool ignoreCase)
    {
        if (list == null) return "-";
        var values = list.Values.Select(v => ignoreCase ? v.Value.ToLowerInvariant() : v.Value).Distinct().ToList();
        values.Sort(StringComparer.Ordinal);
        return string.Join(",", values);
    }

    private static string Principals(PrincipalElement? p)
    {
        if (p == null) return "-";
        var values = p.Entries.Select(e => e.Type + "=" + e.Value.Value).Distinct().ToList();
        values.Sort(StringComparer.Ordinal);
        return string.Join(",", values);
    }

    private static string ConditionText(ConditionElement? c)
    {
        if (c == null || c.IsEmpty) return "-";
        var clauses = new List<string>();
        foreach (var x in c.Clauses)
        {
            var values = x.Values.Select(v => v.Value).Distinct().ToList();
            values.Sort(StringComparer.Ordinal);
            clauses.Add(x.Operator.Value + " " + x.Key.Value.ToLowerInvariant() + "=" + string.Join(",", values));
        }
        clauses.Sort(StringComparer.Ordinal);
        return string.Join("&", clauses);
    }
}

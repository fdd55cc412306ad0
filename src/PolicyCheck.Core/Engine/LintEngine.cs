using System;
using System.Collections.Generic;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Facts;

namespace PolicyCheck.Engine;

/// <summary>Runs the rules over role groups and applies the config's severities and suppressions.</summary>
public sealed class LintEngine
{
    private readonly ServiceFacts _facts;
    private readonly RuleIndex _rulesCatalog;
    private readonly IReadOnlyList<PolicyRule> _rules;

    private readonly RuleDescriptor[] _descriptors;

    private LintEngine(ServiceFacts facts, RuleIndex catalog, IReadOnlyList<PolicyRule> rules)
    {
        _facts = facts;
        _rulesCatalog = catalog;
        _rules = rules;
        _descriptors = new RuleDescriptor[rules.Count];
        for (int i = 0; i < rules.Count; i++) _descriptors[i] = catalog.Get(rules[i].Id);
    }

    /// <summary>
    /// The one way to build an engine: the catalogue's rules (those <paramref name="only"/> keeps, else all), the
    /// built-in facts, and the AWS action catalogue from <paramref name="catalog"/> (loaded at most once, when a rule
    /// first needs it; null where there is none, as in the analyzers).
    /// </summary>
    public static LintEngine CreateDefault(Func<AwsCatalog?>? catalog, Func<RuleDescriptor, bool>? only = null)
    {
        var rules = new List<PolicyRule>();
        foreach (var rule in PolicyCheck.Rules.AllRules.Create())
        {
            if (only == null || only(BuiltIn.Catalog.Get(rule.Id))) rules.Add(rule);
        }
        return new LintEngine(BuiltIn.Service, BuiltIn.Catalog, Order(rules, BuiltIn.Catalog)) { CatalogSource = catalog };
    }

    /// <summary>
    /// The rules in catalogue order, except that a rule runs after every rule its quietWhereReported names (declared in
    /// catalog.yml), so that where a rule sits in the catalogue never decides what it sees.
    /// </summary>
    public static List<PolicyRule> Order(IReadOnlyList<PolicyRule> rules, RuleIndex catalog)
    {
        var ordered = new List<PolicyRule>(rules.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<PolicyRule>(rules);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rules) present.Add(r.Id);
        while (pending.Count > 0)
        {
            int before = pending.Count;
            for (int i = 0; i < pending.Count; i++)
            {
                bool ready = true;
                foreach (var q in catalog.Get(pending[i].Id).QuietWhereReported) ready &= !present.Contains(q) || placed.Contains(q);
                if (!ready) continue;
                ordered.Add(pending[i]);
                placed.Add(pending[i].Id);
                pending.RemoveAt(i);
                i--;
            }
            if (pending.Count == before) throw new InvalidOperationException("catalog.yml: quietWhereReported forms a cycle among " + string.Join(", ", pending.ConvertAll(r => r.Id)));
        }
        return ordered;
    }

    public IReadOnlyList<PolicyRule> Rules => _rules;

    /// <summary>Where the AWS action catalogue comes from (called at most once, when a rule first needs it).</summary>
    public Func<AwsCatalog?>? CatalogSource
    {
        set
        {
            if (value == null)
            {
                _catalog = null;
                return;
            }
            var lazy = new Lazy<AwsCatalog?>(value, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            _catalog = () => lazy.Value;
        }
    }

    private Func<AwsCatalog?>? _catalog;

    /// <param name="unknowns">Values a template leaves unknown before deployment: findings about them are settled here.</param>
    public List<Diagnostic> Lint(IEnumerable<RoleGroup> roles, GatewayConfig config, DateTime? today = null, Func<string, string>? suppressionPath = null,
        DeployTimeValues? unknowns = null)
    {
        var raw = LintRoles(roles as IReadOnlyList<RoleGroup> ?? new List<RoleGroup>(roles), config);
        return Conclude(raw, config, today, suppressionPath, unknowns);
    }

    /// <summary>The findings of <see cref="LintRoles"/> (of every batch, in order) with the config applied, sorted and settled.</summary>
    public List<Diagnostic> Conclude(List<Diagnostic> raw, GatewayConfig config, DateTime? today = null, Func<string, string>? suppressionPath = null,
        DeployTimeValues? unknowns = null)
    {
        var found = Finish(raw, config, today ?? DateTime.UtcNow.Date, suppressionPath);
        return Settle(found, unknowns, config, today, suppressionPath);
    }

    /// <summary>
    /// One finding per rule, place and message (a role read once per Fn::If branch reports the shared parts once).
    /// A finding about a value unknown before deployment is left to PC1034; one that goes away when the unknown values
    /// are anything ("*") is not provable either way and becomes a note. Findings keep their trace, fix and edit.
    /// </summary>
    private List<Diagnostic> Settle(List<Diagnostic> found, DeployTimeValues? unknowns, GatewayConfig config, DateTime? today, Func<string, string>? suppressionPath)
    {
        var holdsAnyway = new HashSet<(string, string, int, int)>();
        var saidAnyway = new HashSet<(string, string, int, int, string)>();
        if (unknowns != null && unknowns.Optimistic.Count > 0)
        {
            var raw = new List<Diagnostic>();
            foreach (var role in unknowns.Optimistic) LintRole(role, config, raw);
            foreach (var d in Finish(raw, config, today ?? DateTime.UtcNow.Date, suppressionPath))
            {
                holdsAnyway.Add((d.RuleId, d.Path, d.Span.Start, d.Span.Length));
                saidAnyway.Add((d.RuleId, d.Path, d.Span.Start, d.Span.Length, d.Message));
            }
        }
        // Found is sorted by path: repeats are looked for among the findings of the same file only.
        var seen = new HashSet<(string RuleId, int Start, int Length, string Message)>(SameFinding.Instance);
        string? path = null;
        var result = new List<Diagnostic>(found.Count);
        foreach (var d in found)
        {
            if (!string.Equals(d.Path, path, StringComparison.Ordinal))
            {
                seen.Clear();
                path = d.Path;
            }
            if (!seen.Add((d.RuleId, d.Span.Start, d.Span.Length, d.Message))) continue;
            if (unknowns != null && d.RuleId != PolicyCheck.Rules.RuleIds.UnresolvedValue && unknowns.Spans.TryGetValue(d.Path, out var spans))
            {
                var at = (d.RuleId, d.Path, d.Span.Start, d.Span.Length);
                if (Within(d.Span, spans))
                {
                    // About the stand-in itself, unless it holds with "*" in its place too: a policy written as !Sub
                    // text has one position for all it says, the stand-ins' included.
                    if (!holdsAnyway.Contains(at)) continue;
                    if (d.Severity > Severity.Note && !d.IsSuppressed && !saidAnyway.Contains((d.RuleId, d.Path, d.Span.Start, d.Span.Length, d.Message)))
                        d.Defer(" (depends on values not known before deployment, see PC1034)");
                }
                else if (d.Severity > Severity.Note && !d.IsSuppressed && !holdsAnyway.Contains(at))
                {
                    d.Defer(" (depends on values not known before deployment, see PC1034)");
                }
            }
            result.Add(d);
        }
        return result;
    }

    /// <summary>Findings of one file alike: hashed without their message (long text), compared with it.</summary>
    private sealed class SameFinding : IEqualityComparer<(string RuleId, int Start, int Length, string Message)>
    {
        public static readonly SameFinding Instance = new SameFinding();

        public bool Equals((string RuleId, int Start, int Length, string Message) x, (string RuleId, int Start, int Length, string Message) y)
            => x.Start == y.Start && x.Length == y.Length && string.Equals(x.RuleId, y.RuleId, StringComparison.Ordinal) && string.Equals(x.Message, y.Message, StringComparison.Ordinal);

        public int GetHashCode((string RuleId, int Start, int Length, string Message) x)
            => unchecked(((x.Start * 31 + x.Length) * 31 + StringComparer.Ordinal.GetHashCode(x.RuleId)) * 31 + x.Message.Length);
    }

    private static bool Within(PolicyCheck.Json.SourceSpan span, List<PolicyCheck.Json.SourceSpan> unknown)
    {
        foreach (var u in unknown)
        {
            if (span.Start >= u.Start && span.Start + span.Length <= u.Start + u.Length) return true;
        }
        return false;
    }

    /// <summary>
    /// The roles on every core (a role's rules share only read-only facts and the role's own caches); the findings in
    /// the roles' order, exactly as one core would list them.
    /// </summary>
    /// <param name="parallel">False: on this thread only (for a caller that already keeps every core busy).</param>
    public List<Diagnostic> LintRoles(IReadOnlyList<RoleGroup> roles, GatewayConfig config, bool parallel = true)
    {
        var raw = new List<Diagnostic>();
        bool[] gateway = Plan(config, true), other = Plan(config, false);
        if (!parallel || roles.Count < 2 || Environment.ProcessorCount < 2)
        {
            foreach (var role in roles) LintRole(role, config, raw, role.IsGatewayRole ? gateway : other);
            return raw;
        }
        var found = new List<Diagnostic>[roles.Count];
        System.Threading.Tasks.Parallel.For(0, roles.Count, i =>
        {
            var sink = new List<Diagnostic>();
            LintRole(roles[i], config, sink, roles[i].IsGatewayRole ? gateway : other);
            found[i] = sink;
        });
        foreach (var f in found) raw.AddRange(f);
        return raw;
    }

    public void LintRole(RoleGroup role, GatewayConfig config, List<Diagnostic> sink) => LintRole(role, config, sink, Plan(config, role.IsGatewayRole));

    private void LintRole(RoleGroup role, GatewayConfig config, List<Diagnostic> sink, bool[] plan)
    {
        int first = sink.Count;
        RuleContext? context = null;
        for (int r = 0; r < _rules.Count; r++)
        {
            if (!plan[r]) continue;
            if (context == null) context = new RuleContext(_descriptors[r], role, config, _facts, sink, _catalog);
            else context.Next(_descriptors[r]);
            _rules[r].Check(context);
        }
        context?.FlushDropped();
        for (int i = first; i < sink.Count; i++) sink[i].Role ??= role.Name;
    }

    /// <summary>The rules <see cref="LintRole"/> runs on the role, in the engine's order.</summary>
    public List<string> RulesFor(RoleGroup role, GatewayConfig config)
    {
        var plan = Plan(config, role.IsGatewayRole);
        var ids = new List<string>();
        for (int r = 0; r < _rules.Count; r++) if (plan[r]) ids.Add(_rules[r].Id);
        return ids;
    }

    /// <summary>Which rules run on a gateway role (or another role) under the config: rules turned off do not.</summary>
    private bool[] Plan(GatewayConfig config, bool gatewayRole)
    {
        var plan = new bool[_rules.Count];
        for (int r = 0; r < _rules.Count; r++)
        {
            bool off = config.RuleSeverities.TryGetValue(_rules[r].Id, out var sev) && sev == null;
            plan[r] = !off && (gatewayRole || _descriptors[r].Scope == RuleScope.Any);
        }
        return plan;
    }

    /// <summary>Applies severity overrides and suppressions, then sorts by file and position.</summary>
    /// <param name="suppressionPath">Maps a diagnostic's path to the form suppression globs are written against.</param>
    public static List<Diagnostic> Finish(List<Diagnostic> raw, GatewayConfig config, DateTime today, Func<string, string>? suppressionPath = null)
    {
        var result = new List<Diagnostic>(raw.Count);
        foreach (var d in raw)
        {
            if (config.RuleSeverities.TryGetValue(d.RuleId, out var sev))
            {
                if (sev == null) continue;
                d.Severity = d.Depends && sev.Value > Severity.Warning ? Severity.Warning : sev.Value;
            }
            foreach (var s in config.Suppressions)
            {
                if (!string.Equals(s.Rule, d.RuleId, StringComparison.OrdinalIgnoreCase)) continue;
                if (s.Expires.HasValue && s.Expires.Value < today) continue;
                if (s.PathGlob != null && !Wildcard.MatchPath(s.PathGlob, suppressionPath != null ? suppressionPath(d.Path) : d.Path)) continue;
                d.SuppressedBecause = s.Justification;
                break;
            }
            result.Add(d);
        }
        return InOrder(result);
    }

    /// <summary>
    /// Sorted by file and position, findings at the same place in the order they were found (a stable sort: the
    /// same run gives the same order). Findings already in order (a walk's files are) are only checked.
    /// </summary>
    private static List<Diagnostic> InOrder(List<Diagnostic> found)
    {
        for (int i = 1; i < found.Count; i++)
        {
            if (Compare(found[i - 1], found[i]) > 0) return found.OrderBy(d => d, ByPlace).ToList();
        }
        return found;
    }

    private static readonly IComparer<Diagnostic> ByPlace = Comparer<Diagnostic>.Create(Compare);

    private static int Compare(Diagnostic a, Diagnostic b)
    {
        int c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0) return c;
        c = a.Span.Line.CompareTo(b.Span.Line);
        if (c != 0) return c;
        c = a.Span.Column.CompareTo(b.Span.Column);
        if (c != 0) return c;
        return string.CompareOrdinal(a.RuleId, b.RuleId);
    }
}

/// <summary>What a template leaves unknown until it is deployed (parameters without values, imports, ...).</summary>
public sealed class DeployTimeValues
{
    /// <summary>Per file, the spans of the values that stand in for unknown ones.</summary>
    public Dictionary<string, List<PolicyCheck.Json.SourceSpan>> Spans { get; } = new Dictionary<string, List<PolicyCheck.Json.SourceSpan>>(StringComparer.Ordinal);
    /// <summary>The same roles read with "*" for every unknown value.</summary>
    public List<RoleGroup> Optimistic { get; } = new List<RoleGroup>();
}

using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>
/// Settles a "depends" decision where Kleene logic is too coarse (an Allow on k = a beside an Allow on k ≠ a): the
/// request is evaluated for every value of the unknown keys that can make a difference, and when all give the same
/// answer that is the answer. Done only where those values are provably all the cases: string keys compared with
/// case-sensitive literals (a bare "*" too), Bool keys, no set operators, no policy variables naming the key.
/// </summary>
internal static class UnknownKeys
{
    private const int MaxAssignments = 256;
    private const string Fresh = "\u0001none-of-the-policy-values";

    public static Decision? Settle(PolicySet set, EvalRequest request, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0 || keys.Count > 4) return null;
        var domains = new List<string?[]>();
        long total = 1;
        foreach (var key in keys)
        {
            var d = Domain(set, key, request.Context);
            if (d == null) return null;
            domains.Add(d);
            total *= d.Length;
            if (total > MaxAssignments) return null;
        }
        Decision? first = null;
        bool allDenied = true;
        var index = new int[keys.Count];
        for (long n = 0; n < total; n++)
        {
            // Other unknown keys stay unknown: a mixed answer stays "depends".
            var ctx = request.Context.Layer();
            long rest = n;
            for (int i = 0; i < keys.Count; i++)
            {
                var d = domains[i];
                string? v = d[(int)(rest % d.Length)];
                rest /= d.Length;
                if (v != null) ctx.Set(keys[i], v);
                else ctx.SetAbsent(keys[i]);
            }
            var decision = Evaluator.DecideKleene(set, new EvalRequest(request.Action, request.Resource, request.Principal, ctx));
            if (decision == Decision.Depends) return null;
            if (first == null) first = decision;
            if ((decision == Decision.Allowed) != (first == Decision.Allowed)) return null;
            if (decision == Decision.Allowed) allDenied = false;
            else if (decision != first) first = Decision.ImplicitDeny;
        }
        return allDenied ? first : Decision.Allowed;
    }

    /// <summary>The values of the key that cover every case (null: the key absent), or null when that cannot be shown.</summary>
    private static string?[]? Domain(PolicySet set, string key, RequestContext context)
    {
        if (!context.IsUnknown(key, out bool mayBeAbsent)) return null;
        var scan = new Scan(key);
        if (set.Identity != null) for (int i = 0; i < set.Identity.Count; i++) if (!scan.Add(set.Identity[i])) return null;
        if (set.ResourcePolicy != null && !scan.Add(set.ResourcePolicy)) return null;
        for (int i = 0; i < set.Boundaries.Count; i++) if (!scan.Add(set.Boundaries[i])) return null;
        for (int i = 0; i < set.Scps.Count; i++) if (!scan.Add(set.Scps[i])) return null;
        for (int i = 0; i < set.Rcps.Count; i++) if (!scan.Add(set.Rcps[i])) return null;
        if (set.SessionPolicy != null && !scan.Add(set.SessionPolicy)) return null;
        if (scan.Boolean && scan.Text) return null;
        var domain = new List<string?>();
        if (scan.Boolean)
        {
            domain.Add("true");
            domain.Add("false");
        }
        else
        {
            domain.AddRange(scan.Literals);
            domain.Add(Fresh);
        }
        if (mayBeAbsent) domain.Add(null);
        return domain.ToArray();
    }

    /// <summary>What the policies compare the key with; false from <see cref="Add"/> when the values cannot cover every case.</summary>
    private sealed class Scan
    {
        private readonly string _key;
        private readonly string _needle;

        public Scan(string key)
        {
            _key = key;
            _needle = "${" + key;
        }

        public List<string> Literals { get; } = new List<string>();
        public bool Boolean { get; private set; }
        public bool Text { get; private set; }

        public bool Add(PolicyDocument doc)
        {
            var statements = doc.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                var s = statements[i];
                if (MentionsVariable(s)) return false;
                if (s.Condition == null) continue;
                var clauses = s.Condition.Clauses;
                for (int j = 0; j < clauses.Count; j++)
                {
                    var c = clauses[j];
                    if (!string.Equals(c.Key.Value, _key, StringComparison.OrdinalIgnoreCase)) continue;
                    if (c.Qualifier != SetQualifier.None) return false;
                    var op = Operators.Find(c.BaseOperator);
                    if (op == null || op.Family == OperatorFamily.Null) continue;
                    if (op.Family == OperatorFamily.Bool)
                    {
                        Boolean = true;
                        continue;
                    }
                    if (op.Family != OperatorFamily.String || op.IgnoreCase) return false;
                    Text = true;
                    for (int k = 0; k < c.Values.Count; k++)
                    {
                        string v = c.Values[k].Value;
                        if (op.Like && v == "*") continue;
                        if (v.IndexOf("${", StringComparison.Ordinal) >= 0) return false;
                        if (op.Like && (v.IndexOf('*') >= 0 || v.IndexOf('?') >= 0)) return false;
                        if (!Literals.Contains(v)) Literals.Add(v);
                    }
                }
            }
            return true;
        }

        private bool MentionsVariable(Statement s)
        {
            var resources = s.Resources;
            if (resources != null)
            {
                for (int i = 0; i < resources.Values.Count; i++) if (Has(resources.Values[i].Value)) return true;
            }
            if (s.Condition != null)
            {
                var clauses = s.Condition.Clauses;
                for (int j = 0; j < clauses.Count; j++)
                {
                    var values = clauses[j].Values;
                    for (int k = 0; k < values.Count; k++) if (Has(values[k].Value)) return true;
                }
            }
            return false;
        }

        private bool Has(string value) => value.IndexOf('$') >= 0 && value.IndexOf(_needle, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}

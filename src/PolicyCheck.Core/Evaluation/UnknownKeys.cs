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
            var ctx = request.Context.Copy();
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
        var literals = new List<string>();
        bool boolean = false, text = false;
        foreach (var doc in Documents(set))
        {
            foreach (var s in doc.Statements)
            {
                if (MentionsVariable(s, key)) return null;
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses)
                {
                    if (!string.Equals(c.Key.Value, key, StringComparison.OrdinalIgnoreCase)) continue;
                    if (c.Qualifier != SetQualifier.None) return null;
                    var op = Operators.Find(c.BaseOperator);
                    if (op == null) continue;
                    switch (op.Family)
                    {
                        case OperatorFamily.Null:
                            break;
                        case OperatorFamily.Bool:
                            boolean = true;
                            break;
                        case OperatorFamily.String:
                            if (op.IgnoreCase) return null;
                            text = true;
                            foreach (var v in c.Values)
                            {
                                if (op.Like && v.Value == "*") continue;
                                if (v.Value.IndexOf('*') >= 0 || v.Value.IndexOf('?') >= 0 || v.Value.IndexOf("${", StringComparison.Ordinal) >= 0)
                                {
                                    if (op.Like) return null;
                                    if (v.Value.IndexOf("${", StringComparison.Ordinal) >= 0) return null;
                                }
                                if (!literals.Contains(v.Value)) literals.Add(v.Value);
                            }
                            break;
                        default:
                            return null;
                    }
                }
            }
        }
        if (boolean && text) return null;
        var domain = new List<string?>();
        if (boolean)
        {
            domain.Add("true");
            domain.Add("false");
        }
        else
        {
            domain.AddRange(literals);
            domain.Add(Fresh);
        }
        if (mayBeAbsent) domain.Add(null);
        return domain.ToArray();
    }

    private static bool MentionsVariable(Statement s, string key)
    {
        string needle = "${" + key;
        if (s.Resources != null)
        {
            foreach (var v in s.Resources.Values) if (v.Value.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0) return true;
        }
        if (s.Condition != null)
        {
            foreach (var c in s.Condition.Clauses)
            {
                foreach (var v in c.Values) if (v.Value.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            }
        }
        return false;
    }

    private static IEnumerable<PolicyDocument> Documents(PolicySet set)
    {
        if (set.Identity != null) foreach (var d in set.Identity) yield return d;
        if (set.ResourcePolicy != null) yield return set.ResourcePolicy;
        foreach (var d in set.Boundaries) yield return d;
        foreach (var d in set.Scps) yield return d;
        foreach (var d in set.Rcps) yield return d;
        if (set.SessionPolicy != null) yield return set.SessionPolicy;
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>Evaluates Condition blocks: AND across operators and keys, OR across a key's values.</summary>
public static class ConditionEvaluator
{
    /// <summary>True when every clause holds. <paramref name="why"/> gets the first failing clause (when asked for).</summary>
    public static bool Holds(ConditionElement? condition, RequestContext context, bool variables, List<string>? why)
        => Evaluate(condition, context, variables, why, null) == Tri.True;

    /// <summary>
    /// Kleene AND of the clauses: False as soon as one fails; Unknown when one depends on a key whose value is unknown
    /// offline (its name goes into <paramref name="dependsOn"/>); else True.
    /// </summary>
    public static Tri Evaluate(ConditionElement? condition, RequestContext context, bool variables, List<string>? why, List<string>? dependsOn)
    {
        if (condition == null) return Tri.True;
        var clauses = condition.Clauses;
        var result = Tri.True;
        for (int i = 0; i < clauses.Count; i++)
        {
            var c = ClauseValue(clauses[i], context, variables, why, dependsOn);
            if (c == Tri.False) return Tri.False;
            if (c == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }

    public static bool ClauseHolds(ConditionClause clause, RequestContext context, bool variables, List<string>? why)
        => ClauseValue(clause, context, variables, why, null) == Tri.True;

    public static Tri ClauseValue(ConditionClause clause, RequestContext context, bool variables, List<string>? why, List<string>? dependsOn)
    {
        var op = Operators.Find(clause.BaseOperator);
        string key = clause.Key.Value;
        if (op == null)
        {
            why?.Add($"unknown condition operator {clause.Operator.Value}: the condition does not hold");
            return Tri.False;
        }
        bool present = context.TryGet(key, out var cv) && cv.Values.Count > 0;
        if (!present && context.HasUnknowns && context.IsUnknown(key, out bool mayBeAbsent))
        {
            var u = UnknownValue(op, clause, mayBeAbsent);
            if (u == Tri.Unknown)
            {
                why?.Add($"{clause.Operator.Value} {key}: depends on the value of {key}, not known offline");
                if (dependsOn != null && !dependsOn.Contains(key)) dependsOn.Add(key);
            }
            else if (u == Tri.False)
            {
                why?.Add($"{clause.Operator.Value} {key}: does not hold for any value of {key}");
            }
            return u;
        }
        if (op.Family == OperatorFamily.Null)
        {
            if (clause.IfExists || clause.Qualifier != SetQualifier.None)
            {
                why?.Add($"{clause.Operator.Value} is not a valid operator (Null takes neither IfExists nor a set qualifier)");
                return Tri.False;
            }
            bool ok = false;
            for (int i = 0; i < clause.Values.Count; i++)
            {
                bool wantMissing = string.Equals(clause.Values[i].Value, "true", StringComparison.OrdinalIgnoreCase);
                if (wantMissing != present)
                {
                    ok = true;
                    break;
                }
            }
            if (!ok) why?.Add($"Null {key}: the key is {(present ? "present" : "missing")}");
            return TriLogic.Of(ok);
        }
        if (!present)
        {
            bool result;
            string reason;
            if (clause.IfExists)
            {
                result = true;
                reason = "IfExists: the key is missing, so it holds";
            }
            else if (clause.Qualifier == SetQualifier.ForAllValues)
            {
                result = true;
                reason = "ForAllValues with a missing or empty key holds";
            }
            else if (clause.Qualifier == SetQualifier.ForAnyValue)
            {
                result = false;
                reason = "ForAnyValue with a missing or empty key does not hold";
            }
            else
            {
                result = op.Negated;
                reason = op.Negated ? "the key is missing, and a negated operator then holds" : "the key is missing from the request";
            }
            if (!result) why?.Add($"{clause.Operator.Value} {key}: {reason}");
            return TriLogic.Of(result);
        }

        Tri holds;
        var values = cv.Values;
        switch (clause.Qualifier)
        {
            case SetQualifier.ForAllValues:
                holds = Tri.True;
                for (int i = 0; i < values.Count && holds != Tri.False; i++)
                {
                    var m = AnyPolicyValue(op, clause, values[i], context, variables, dependsOn);
                    holds = TriLogic.And(holds, op.Negated ? TriLogic.Not(m) : m);
                }
                break;
            case SetQualifier.ForAnyValue:
                holds = Tri.False;
                for (int i = 0; i < values.Count && holds != Tri.True; i++)
                {
                    var m = AnyPolicyValue(op, clause, values[i], context, variables, dependsOn);
                    holds = TriLogic.Or(holds, op.Negated ? TriLogic.Not(m) : m);
                }
                break;
            default:
                var any = Tri.False;
                for (int i = 0; i < values.Count && any != Tri.True; i++) any = TriLogic.Or(any, AnyPolicyValue(op, clause, values[i], context, variables, dependsOn));
                holds = op.Negated ? TriLogic.Not(any) : any;
                break;
        }
        if (holds == Tri.False && why != null)
        {
            why.Add($"{clause.Operator.Value} {key}: request value {Show(values)} against {ShowPolicy(clause.Values)} does not hold");
        }
        else if (holds == Tri.Unknown && why != null)
        {
            why.Add($"{clause.Operator.Value} {key}: depends on a policy variable whose value is not known offline");
        }
        return holds;
    }

    /// <summary>
    /// A clause over a key that is on the request with a value unknown offline. Decided only where every value gives the
    /// same answer: Null (the key is there), and a bare "*" pattern (any value matches).
    /// </summary>
    private static Tri UnknownValue(OperatorInfo op, ConditionClause clause, bool mayBeAbsent)
    {
        if (op.Family == OperatorFamily.Null)
        {
            if (clause.IfExists || clause.Qualifier != SetQualifier.None || mayBeAbsent) return clause.IfExists || clause.Qualifier != SetQualifier.None ? Tri.False : Tri.Unknown;
            bool ok = false;
            for (int i = 0; i < clause.Values.Count; i++)
            {
                if (string.Equals(clause.Values[i].Value, "false", StringComparison.OrdinalIgnoreCase)) ok = true;
            }
            return TriLogic.Of(ok);
        }
        if (clause.Qualifier == SetQualifier.None && op.Like && (op.Family == OperatorFamily.String || op.Family == OperatorFamily.Arn))
        {
            bool matchAll = false;
            for (int i = 0; i < clause.Values.Count; i++)
            {
                if (clause.Values[i].Value == "*") matchAll = true;
            }
            if (matchAll)
            {
                var whenPresent = op.Negated ? Tri.False : Tri.True;
                if (!mayBeAbsent) return whenPresent;
                var whenAbsent = clause.IfExists || op.Negated ? Tri.True : Tri.False;
                return whenPresent == whenAbsent ? whenPresent : Tri.Unknown;
            }
        }
        return Tri.Unknown;
    }

    private static string Show(IReadOnlyList<string> values)
        => values.Count == 1 ? "\"" + values[0] + "\"" : "[" + string.Join(", ", Quote(values)) + "]";

    private static string ShowPolicy(IReadOnlyList<StringValue> values)
    {
        var list = new List<string>();
        foreach (var v in values) list.Add(v.Value);
        return Show(list);
    }

    private static IEnumerable<string> Quote(IReadOnlyList<string> values)
    {
        foreach (var v in values) yield return "\"" + v + "\"";
    }

    /// <summary>Does one request value match any policy value under the operator's positive form?</summary>
    private static Tri AnyPolicyValue(OperatorInfo op, ConditionClause clause, string actual, RequestContext context, bool variables, List<string>? dependsOn)
    {
        var policyValues = clause.Values;
        var result = Tri.False;
        for (int i = 0; i < policyValues.Count; i++)
        {
            var m = Matches(op, policyValues[i].Value, actual, context, variables, dependsOn);
            if (m == Tri.True) return Tri.True;
            if (m == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }

    /// <summary>Resolves the variables of a policy value; Unknown when one names a key whose value is unknown offline.</summary>
    private static Tri Resolve(string policyValue, RequestContext context, bool variables, List<string>? dependsOn, out string pattern)
    {
        pattern = policyValue;
        if (!variables || !PolicyVariables.HasVariable(policyValue)) return Tri.True;
        if (PolicyVariables.TryResolve(policyValue, context, out pattern, out string? missing)) return Tri.True;
        if (missing != null && context.HasUnknowns && context.IsUnknown(PolicyVariables.KeyOf(missing), out _))
        {
            if (dependsOn != null && !dependsOn.Contains(PolicyVariables.KeyOf(missing))) dependsOn.Add(PolicyVariables.KeyOf(missing));
            return Tri.Unknown;
        }
        return Tri.False;
    }

    private static Tri Matches(OperatorInfo op, string policyValue, string actual, RequestContext context, bool variables, List<string>? dependsOn)
    {
        switch (op.Family)
        {
            case OperatorFamily.String:
            {
                var r = Resolve(policyValue, context, variables, dependsOn, out string pattern);
                if (r != Tri.True) return r;
                return TriLogic.Of(op.Like ? Patterns.Like(pattern, actual, op.IgnoreCase) : Patterns.Equal(pattern, actual, op.IgnoreCase));
            }
            case OperatorFamily.Arn:
            {
                var r = Resolve(policyValue, context, variables, dependsOn, out string pattern);
                if (r != Tri.True) return r;
                return TriLogic.Of(Patterns.ArnLike(pattern, actual, strict: true));
            }
            case OperatorFamily.Numeric:
            {
                if (!ConditionValues.TryNumber(policyValue, out decimal p) || !ConditionValues.TryNumber(actual, out decimal a)) return Tri.False;
                return TriLogic.Of(Ordered(op, a.CompareTo(p)));
            }
            case OperatorFamily.Date:
            {
                if (!ConditionValues.TryDate(policyValue, out var p) || !ConditionValues.TryDate(actual, out var a)) return Tri.False;
                return TriLogic.Of(Ordered(op, a.CompareTo(p)));
            }
            case OperatorFamily.Bool:
                return TriLogic.Of(string.Equals(policyValue, actual, StringComparison.OrdinalIgnoreCase)
                    && (string.Equals(actual, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(actual, "false", StringComparison.OrdinalIgnoreCase)));
            case OperatorFamily.Binary:
            {
                if (!ConditionValues.TryBase64(policyValue, out var p) || !ConditionValues.TryBase64(actual, out var a)) return Tri.False;
                if (p.Length != a.Length) return Tri.False;
                for (int i = 0; i < p.Length; i++) if (p[i] != a[i]) return Tri.False;
                return Tri.True;
            }
            case OperatorFamily.Ip:
            {
                if (!ConditionValues.TryCidr(policyValue, out Cidr block, out string? _)) return Tri.False;
                if (!ConditionValues.TryIp(actual, out var bytes, out var family)) return Tri.False;
                return TriLogic.Of(block.Contains(bytes, family));
            }
            default:
                return Tri.False;
        }
    }

    private static bool Ordered(OperatorInfo op, int cmp)
    {
        if (cmp == 0) return op.EqualAllowed;
        if (op.Compare == 0) return false;
        return Math.Sign(cmp) == op.Compare;
    }
}

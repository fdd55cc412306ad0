using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>Evaluates Condition blocks: AND across operators and keys, OR across a key's values.</summary>
public static class ConditionEvaluator
{
    /// <summary>True when every clause holds. <paramref name="why"/> gets the first failing clause (when asked for).</summary>
    public static bool Holds(ConditionElement? condition, RequestContext context, bool variables, List<string>? why)
    {
        if (condition == null) return true;
        var clauses = condition.Clauses;
        for (int i = 0; i < clauses.Count; i++)
        {
            if (!ClauseHolds(clauses[i], context, variables, why)) return false;
        }
        return true;
    }

    public static bool ClauseHolds(ConditionClause clause, RequestContext context, bool variables, List<string>? why)
    {
        var op = Operators.Find(clause.BaseOperator);
        string key = clause.Key.Value;
        if (op == null)
        {
            why?.Add($"unknown condition operator {clause.Operator.Value}: the condition does not hold");
            return false;
        }
        bool present = context.TryGet(key, out var cv) && cv.Values.Count > 0;
        if (op.Family == OperatorFamily.Null)
        {
            if (clause.IfExists || clause.Qualifier != SetQualifier.None)
            {
                why?.Add($"{clause.Operator.Value} is not a valid operator (Null takes neither IfExists nor a set qualifier)");
                return false;
            }
            bool wantMissing = false;
            bool ok = false;
            for (int i = 0; i < clause.Values.Count; i++)
            {
                wantMissing = string.Equals(clause.Values[i].Value, "true", StringComparison.OrdinalIgnoreCase);
                if (wantMissing != present)
                {
                    ok = true;
                    break;
                }
            }
            if (!ok) why?.Add($"Null {key}: the key is {(present ? "present" : "missing")}");
            return ok;
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
            return result;
        }

        bool holds;
        var values = cv.Values;
        switch (clause.Qualifier)
        {
            case SetQualifier.ForAllValues:
                holds = true;
                for (int i = 0; i < values.Count && holds; i++) holds = op.Negated ? !AnyPolicyValue(op, clause, values[i], context, variables) : AnyPolicyValue(op, clause, values[i], context, variables);
                break;
            case SetQualifier.ForAnyValue:
                holds = false;
                for (int i = 0; i < values.Count && !holds; i++) holds = op.Negated ? !AnyPolicyValue(op, clause, values[i], context, variables) : AnyPolicyValue(op, clause, values[i], context, variables);
                break;
            default:
                bool any = false;
                for (int i = 0; i < values.Count && !any; i++) any = AnyPolicyValue(op, clause, values[i], context, variables);
                holds = op.Negated ? !any : any;
                break;
        }
        if (!holds && why != null)
        {
            why.Add($"{clause.Operator.Value} {key}: request value {Show(values)} against {ShowPolicy(clause.Values)} does not hold");
        }
        return holds;
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
    private static bool AnyPolicyValue(OperatorInfo op, ConditionClause clause, string actual, RequestContext context, bool variables)
    {
        var policyValues = clause.Values;
        for (int i = 0; i < policyValues.Count; i++)
        {
            if (Matches(op, policyValues[i].Value, actual, context, variables)) return true;
        }
        return false;
    }

    private static bool Matches(OperatorInfo op, string policyValue, string actual, RequestContext context, bool variables)
    {
        switch (op.Family)
        {
            case OperatorFamily.String:
            {
                string pattern = policyValue;
                if (variables && PolicyVariables.HasVariable(policyValue) && !PolicyVariables.TryResolve(policyValue, context, out pattern, out _)) return false;
                return op.Like ? Patterns.Like(pattern, actual, op.IgnoreCase) : Patterns.Equal(pattern, actual, op.IgnoreCase);
            }
            case OperatorFamily.Arn:
            {
                string pattern = policyValue;
                if (variables && PolicyVariables.HasVariable(policyValue) && !PolicyVariables.TryResolve(policyValue, context, out pattern, out _)) return false;
                return Patterns.ArnLike(pattern, actual, strict: true);
            }
            case OperatorFamily.Numeric:
            {
                if (!ConditionValues.TryNumber(policyValue, out decimal p) || !ConditionValues.TryNumber(actual, out decimal a)) return false;
                return Ordered(op, a.CompareTo(p));
            }
            case OperatorFamily.Date:
            {
                if (!ConditionValues.TryDate(policyValue, out var p) || !ConditionValues.TryDate(actual, out var a)) return false;
                return Ordered(op, a.CompareTo(p));
            }
            case OperatorFamily.Bool:
                return string.Equals(policyValue, actual, StringComparison.OrdinalIgnoreCase)
                    && (string.Equals(actual, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(actual, "false", StringComparison.OrdinalIgnoreCase));
            case OperatorFamily.Binary:
            {
                if (!ConditionValues.TryBase64(policyValue, out var p) || !ConditionValues.TryBase64(actual, out var a)) return false;
                if (p.Length != a.Length) return false;
                for (int i = 0; i < p.Length; i++) if (p[i] != a[i]) return false;
                return true;
            }
            case OperatorFamily.Ip:
            {
                if (!ConditionValues.TryCidr(policyValue, out Cidr block, out string? _)) return false;
                if (!ConditionValues.TryIp(actual, out var bytes, out var family)) return false;
                return block.Contains(bytes, family);
            }
            default:
                return false;
        }
    }

    private static bool Ordered(OperatorInfo op, int cmp)
    {
        if (cmp == 0) return op.EqualAllowed;
        if (op.Compare == 0) return false;
        return Math.Sign(cmp) == op.Compare;
    }
}

using System;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>
/// PC1045: a malformed policy variable in a Resource or a String/Arn condition value (AA MISSING_BRACE_IN_VARIABLE,
/// EMPTY_VARIABLE, UNSUPPORTED_SPACE_IN_VARIABLE, MISSING_QUOTE_IN_VARIABLE).
/// </summary>
public sealed class PolicyVariableSyntaxRule : PolicyRule
{
    public override string Id => "PC1045";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            if (doc.Version?.Value != "2012-10-17") continue; // variables are literal text in other versions (PC1020)
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ResourceLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values) Check(context, doc, v);
                }
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses)
                {
                    var op = Operators.Find(c.BaseOperator);
                    if (op == null || (op.Family != OperatorFamily.String && op.Family != OperatorFamily.Arn)) continue;
                    foreach (var v in c.Values) Check(context, doc, v);
                }
            }
        }
    }

    private static void Check(RuleContext context, PolicyDocument doc, StringValue v)
    {
        string? why = FindProblem(v.Value, out string? fix);
        if (why != null) context.Report(doc, v.Span, $"\"{v.Value}\": {why}", fix);
    }

    /// <summary>What is wrong with the first malformed variable in the text, or null.</summary>
    public static string? FindProblem(string text, out string? fix)
    {
        fix = null;
        int i = text.IndexOf("${", StringComparison.Ordinal);
        while (i >= 0)
        {
            int end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                fix = "close the variable with '}'";
                return "a policy variable opened with \"${\" is not closed with '}', so IAM matches the text literally";
            }
            string inner = text.Substring(i + 2, end - i - 2);
            if (inner.Trim().Length == 0)
            {
                fix = "name a key inside the braces (${aws:username}) or remove them";
                return "\"${}\" is an empty policy variable";
            }
            if (inner != "*" && inner != "?" && inner != "$")
            {
                int comma = inner.IndexOf(',');
                string name = comma < 0 ? inner : inner.Substring(0, comma);
                foreach (char ch in name)
                {
                    if (!char.IsWhiteSpace(ch)) continue;
                    fix = $"write \"${{{name.Trim()}{(comma < 0 ? string.Empty : inner.Substring(comma))}}}\"";
                    return $"the variable name \"{name}\" contains a space, which IAM does not allow (only the default value may)";
                }
                if (comma >= 0)
                {
                    string def = inner.Substring(comma + 1).Trim();
                    if (def.Length < 2 || def[0] != '\'' || def[def.Length - 1] != '\'')
                    {
                        fix = $"write \"${{{name}, '{def.Trim('\'')}'}}\"";
                        return "a policy variable's default value must be in single quotes";
                    }
                }
            }
            i = text.IndexOf("${", end + 1, StringComparison.Ordinal);
        }
        return null;
    }
}

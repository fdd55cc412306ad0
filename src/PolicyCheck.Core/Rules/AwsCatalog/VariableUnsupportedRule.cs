using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>
/// PC1033: a policy variable where IAM does not resolve one: Action/NotAction, Principal, condition keys (AA
/// VARIABLE_UNSUPPORTED_IN_ELEMENT), and a Resource/NotResource ARN before its fifth colon (IAM resolves variables only
/// in the resource part). A warning for a NotResource variable that may have no value: it then excludes nothing.
/// </summary>
public sealed class VariableUnsupportedRule : PolicyRule
{
    public override string Id => "PC1033";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ActionLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values) Report(context, doc, v, list.Name);
                }
                foreach (var p in new[] { s.Principal, s.NotPrincipal })
                {
                    if (p == null) continue;
                    foreach (var e in p.Entries) Report(context, doc, e.Value, p.Name);
                }
                foreach (var list in s.ResourceLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values) CheckArn(context, doc, v, list.Name, list == s.NotResource);
                }
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses) Report(context, doc, c.Key, "a condition key");
            }
        }
    }

    private static void CheckArn(RuleContext context, PolicyDocument doc, StringValue v, string where, bool notResource)
    {
        string value = v.Value;
        if (!PolicyVariables.HasVariable(value) || doc.Version?.Value != "2012-10-17") return; // PC1020 speaks for other versions
        int start = PolicyVariables.ResourcePartStart(value);
        int head = start < 0 ? value.Length : start;
        int i = value.IndexOf("${", System.StringComparison.Ordinal);
        if (i >= 0 && i < head)
        {
            var keys = new System.Collections.Generic.List<string>();
            string fixedArn = WildcardHead(value, head, keys);
            string condition = keys.Count > 0 && keys[0].IndexOf(':') > 0 ? $", and pin it with a condition such as \"StringEquals\": {{\"{keys[0]}\": \"…\"}}" : string.Empty;
            context.Report(doc, v.Span,
                $"\"{value}\": IAM resolves policy variables only in the resource part of an ARN (after its fifth colon); here the variable is literal text, so the entry matches no resource",
                $"use \"{fixedArn}\"{condition}");
            return;
        }
        if (!notResource || start < 0) return;
        foreach (string key in VariableKeys(value.Substring(start)))
        {
            var row = context.Facts.FindRequestKey(key);
            bool present = row != null && (row.Call == KeyStatus.Known || row.AssumeRole == KeyStatus.Known);
            if (present) continue;
            context.Report(doc, v.Span,
                $"\"{value}\": when ${{{key}}} has no value in a request, AWS matches no resource against this entry, so the NotResource excludes nothing and the statement applies to every resource",
                $"give the variable a default (${{{key}, 'none'}}) or use Resource instead of NotResource", Severity.Warning);
            return;
        }
    }

    /// <summary>The ARN with each variable before the resource part replaced by "*"; the keys it named.</summary>
    private static string WildcardHead(string value, int head, System.Collections.Generic.List<string> keys)
    {
        var sb = new System.Text.StringBuilder();
        int pos = 0;
        while (pos < head)
        {
            int i = value.IndexOf("${", pos, System.StringComparison.Ordinal);
            if (i < 0 || i >= head) break;
            int end = value.IndexOf('}', i + 2);
            if (end < 0 || end >= head) break;
            sb.Append(value, pos, i - pos).Append('*');
            keys.Add(PolicyVariables.KeyOf(value.Substring(i + 2, end - i - 2)));
            pos = end + 1;
        }
        sb.Append(value, pos, value.Length - pos);
        return sb.ToString();
    }

    /// <summary>The keys of the variables without a default in the text (not ${*}, ${?}, ${$}).</summary>
    private static System.Collections.Generic.IEnumerable<string> VariableKeys(string text)
    {
        int i = text.IndexOf("${", System.StringComparison.Ordinal);
        while (i >= 0)
        {
            int end = text.IndexOf('}', i + 2);
            if (end < 0) yield break;
            string inner = text.Substring(i + 2, end - i - 2).Trim();
            if (inner != "*" && inner != "?" && inner != "$" && inner.IndexOf(',') < 0) yield return inner;
            i = text.IndexOf("${", end + 1, System.StringComparison.Ordinal);
        }
    }

    private static void Report(RuleContext context, PolicyDocument doc, StringValue v, string where)
    {
        if (!PolicyVariables.HasVariable(v.Value)) return;
        context.Report(doc, v.Span, $"\"{v.Value}\": policy variables are not resolved in {where}; the text is matched literally", "write the value out");
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Catalog;

/// <summary>PC1033: a policy variable where IAM does not resolve one: Action/NotAction, Principal, condition keys (AA VARIABLE_UNSUPPORTED_IN_ELEMENT).</summary>
public sealed class VariableUnsupportedRule : PolicyRule
{
    public override string Id => "PC1033";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in new[] { s.Action, s.NotAction })
                {
                    if (list == null) continue;
                    foreach (var v in list.Values) Report(context, doc, v, list.Name);
                }
                foreach (var p in new[] { s.Principal, s.NotPrincipal })
                {
                    if (p == null) continue;
                    foreach (var e in p.Entries) Report(context, doc, e.Value, p.Name);
                }
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses) Report(context, doc, c.Key, "a condition key");
            }
        }
    }

    private static void Report(RuleContext context, PolicyDocument doc, StringValue v, string where)
    {
        if (!PolicyVariables.HasVariable(v.Value)) return;
        context.Report(doc, v.Span, $"\"{v.Value}\": policy variables are not resolved in {where}; the text is matched literally", "write the value out");
    }
}

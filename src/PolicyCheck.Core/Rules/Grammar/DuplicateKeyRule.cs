using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1002: an object repeats a key, so one of the values is ignored; or a condition block repeats a key in another case.</summary>
public sealed class DuplicateKeyRule : PolicyRule
{
    public override string Id => "PC1002";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var issue in doc.ParseIssues)
            {
                if (issue.Kind == ProblemKind.DuplicateKey) context.Report(doc, issue.Span, issue.Message);
            }
            foreach (var s in doc.Statements)
            {
                if (s.Condition == null) continue;
                var clauses = s.Condition.Clauses;
                for (int i = 0; i < clauses.Count; i++)
                {
                    for (int j = 0; j < i; j++)
                    {
                        var a = clauses[j];
                        var b = clauses[i];
                        if (a.Operator.Value != b.Operator.Value || a.Key.Value == b.Key.Value) continue;
                        if (!string.Equals(a.Key.Value, b.Key.Value, System.StringComparison.OrdinalIgnoreCase)) continue;
                        context.Report(doc, b.Key.Span,
                            $"\"{b.Key.Value}\" repeats \"{a.Key.Value}\" under {b.Operator.Value} in another case: condition keys ignore case, so AWS sees the key twice (AA DUPLICATE_KEYS_WITH_DIFFERENT_CASE)",
                            "merge the two into one key with both values");
                        break;
                    }
                }
            }
        }
    }
}

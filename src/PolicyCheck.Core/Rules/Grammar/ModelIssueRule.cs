using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>Base for rules whose findings are recorded by the policy reader under the rule's ID.</summary>
public abstract class ModelIssueRule : PolicyRule
{
    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var issue in doc.ModelIssues)
            {
                if (issue.RuleId == Id) context.Report(doc, issue.Span, issue.Message, issue.Fix);
            }
        }
    }
}

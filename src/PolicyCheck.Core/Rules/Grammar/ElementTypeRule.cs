using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1003: an element has the wrong JSON type (a number where a string belongs...).</summary>
public sealed class ElementTypeRule : PolicyRule
{
    public override string Id => PolicyReader.ElementTypeRule;

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

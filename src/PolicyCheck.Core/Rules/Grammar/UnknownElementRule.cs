using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1004: an element IAM does not know (often a wrongly cased name such as "statement").</summary>
public sealed class UnknownElementRule : PolicyRule
{
    public override string Id => PolicyReader.UnknownElementRule;

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

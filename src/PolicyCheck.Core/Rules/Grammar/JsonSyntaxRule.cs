using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1001: the text is not strict JSON (truncated, comments, trailing commas...).</summary>
public sealed class JsonSyntaxRule : PolicyRule
{
    public override string Id => "PC1001";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var issue in doc.ParseIssues)
            {
                if (issue.Kind == ProblemKind.Syntax || issue.Kind == ProblemKind.Tolerated) context.Report(doc, issue.Span, issue.Message);
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1017: invalid UTF-8 or NUL bytes (error); a byte order mark or UTF-16 (warning).</summary>
public sealed class EncodingRule : PolicyRule
{
    public override string Id => "PC1017";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var issue in doc.ParseIssues)
            {
                if (issue.Kind == ProblemKind.Encoding) context.Report(doc, issue.Span, issue.Message);
                else if (issue.Kind == ProblemKind.EncodingNote) context.Report(doc, issue.Span, issue.Message, severity: Severity.Warning);
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1002: an object repeats a key, so one of the values is ignored.</summary>
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
        }
    }
}

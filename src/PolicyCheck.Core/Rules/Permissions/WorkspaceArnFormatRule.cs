using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Permissions;

/// <summary>PC2004: a workspace ARN with a wrong service, partition, region, account or workspace ID.</summary>
public sealed class WorkspaceArnFormatRule : PolicyRule
{
    public override string Id => "PC2004";

    public override void Check(RuleContext context)
    {
        var facts = context.Facts;
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Resources == null) continue;
                foreach (var value in s.Resources.Values)
                {
                    string problem = WorkspaceArns.Problem(facts, value.Value, context.Config.Region?.Value, context.Config.Account?.Value, out string? fixedArn);
                    if (problem.Length == 0) continue;
                    context.Report(doc, value.Span, problem, fixedArn != null ? $"use \"{fixedArn}\"" : null,
                        edit: fixedArn != null && WorkspaceArns.OnlyTheServiceIsWrong(facts, value.Value) ? new TextEdit(value.Value, fixedArn) : null);
                }
            }
        }
    }
}

using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1007: no Statement, or an empty one.</summary>
public sealed class StatementMissingRule : PolicyRule
{
    public override string Id => "PC1007";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            if (doc.Root is not SourceObject obj) continue;
            var statement = obj.Get("Statement");
            if (statement == null)
            {
                context.Report(doc, obj.Span, "the policy has no \"Statement\"");
            }
            else if (statement.Value is SourceArray arr && arr.Items.Count == 0)
            {
                context.Report(doc, statement.NameSpan, "\"Statement\" is empty; the policy grants nothing");
            }
        }
    }
}

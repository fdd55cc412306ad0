using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1009: a statement needs exactly one of Action and NotAction.</summary>
public sealed class ActionElementRule : PolicyRule
{
    public override string Id => "PC1009";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Action != null && s.NotAction != null)
                {
                    context.Report(doc, s.NotAction.KeySpan, $"{s.Label} has both \"Action\" and \"NotAction\"; IAM allows only one");
                }
                else if (!s.HasKey("Action") && !s.HasKey("NotAction"))
                {
                    context.Report(doc, s.Span, $"{s.Label} has neither \"Action\" nor \"NotAction\"");
                }
                else if (s.Action != null && s.Action.Values.Count == 0)
                {
                    context.Report(doc, s.Action.KeySpan, $"\"Action\" in {s.Label} is an empty array; the statement matches nothing");
                }
            }
        }
    }
}

using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1029: Allow with NotAction or NotResource grants everything else, including services added later (AA security warnings).</summary>
public sealed class AllowWithNotActionRule : PolicyRule
{
    public override string Id => "PC1029";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow) continue;
                if (s.NotAction != null)
                    context.Report(doc, s.NotAction.KeySpan, $"{s.Label} allows every action except the listed ones, across all AWS services, now and in the future", "list the actions to allow in \"Action\"");
                if (s.NotResource != null)
                    context.Report(doc, s.NotResource.KeySpan, $"{s.Label} allows its actions on every resource except the listed ones", "list the resources to allow in \"Resource\"");
            }
        }
    }
}

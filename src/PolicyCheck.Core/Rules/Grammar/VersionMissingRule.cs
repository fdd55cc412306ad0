using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1005: no Version, so the 2008 language applies and policy variables are literal.</summary>
public sealed class VersionMissingRule : PolicyRule
{
    public override string Id => "PC1005";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            if (doc.Root is SourceObject obj && obj.Get("Version") == null)
            {
                context.Report(doc, obj.Span, "the policy has no \"Version\"; IAM then applies the 2008-10-17 language, where policy variables are plain text");
            }
        }
    }
}

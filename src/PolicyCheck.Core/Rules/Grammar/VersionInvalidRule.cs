using PolicyCheck.Engine;
using PolicyCheck.Facts;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1006: Version is not 2012-10-17 (2008-10-17 is accepted with a warning).</summary>
public sealed class VersionInvalidRule : PolicyRule
{
    public override string Id => "PC1006";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            var v = doc.Version;
            if (v == null || v.Value == "2012-10-17") continue;
            if (v.Value == "2008-10-17")
            {
                context.Report(doc, v.Span, "\"Version\": \"2008-10-17\" is the old policy language; policy variables are not supported in it",
                    severity: Severity.Warning);
            }
            else
            {
                context.Report(doc, v.Span, $"\"{v.Value}\" is not a policy language version; IAM accepts only \"2012-10-17\" and \"2008-10-17\"");
            }
        }
    }
}

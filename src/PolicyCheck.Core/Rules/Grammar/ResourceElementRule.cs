using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1015: a permission statement needs exactly one of Resource and NotResource.</summary>
public sealed class ResourceElementRule : PolicyRule
{
    public override string Id => "PC1015";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Resource != null && s.NotResource != null)
                {
                    context.Report(doc, s.NotResource.KeySpan, $"{s.Label} has both \"Resource\" and \"NotResource\"; IAM allows only one");
                }
                else if (!s.HasKey("Resource") && !s.HasKey("NotResource"))
                {
                    string arn = context.Config.WorkspaceArnPattern(context.Facts);
                    context.Report(doc, s.Span, $"{s.Label} has no \"Resource\"; identity-based statements must name their resources",
                        $"add \"Resource\": \"{arn}\"");
                }
                else if (s.Resource != null && s.Resource.Values.Count == 0)
                {
                    context.Report(doc, s.Resource.KeySpan, $"\"Resource\" in {s.Label} is an empty array; the statement matches nothing");
                }
            }
        }
    }
}

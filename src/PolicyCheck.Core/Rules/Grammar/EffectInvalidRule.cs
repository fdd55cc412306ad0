using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1008: Effect missing, or not exactly Allow or Deny.</summary>
public sealed class EffectInvalidRule : PolicyRule
{
    public override string Id => "PC1008";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Effect == null)
                {
                    if (!s.HasKey("Effect")) context.Report(doc, s.Span, $"{s.Label} has no \"Effect\"");
                    continue;
                }
                string v = s.Effect.Value;
                if (v == "Allow" || v == "Deny") continue;
                string fix = string.Equals(v, "allow", System.StringComparison.OrdinalIgnoreCase) ? "write \"Allow\" (case-sensitive)"
                    : string.Equals(v, "deny", System.StringComparison.OrdinalIgnoreCase) ? "write \"Deny\" (case-sensitive)"
                    : context.Descriptor.Fix;
                context.Report(doc, s.Effect.Span, $"\"Effect\": \"{v}\" is invalid; it must be \"Allow\" or \"Deny\"", fix);
            }
        }
    }
}

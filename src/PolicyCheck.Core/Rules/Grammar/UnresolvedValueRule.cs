using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1034: a policy a Terraform plan (or template) leaves unknown until apply; reported once, as a note, never a silent pass.</summary>
public sealed class UnresolvedValueRule : PolicyRule
{
    public override string Id => "PC1034";

    public override void Check(RuleContext context)
    {
        foreach (var (path, span, message) in context.Role.Unresolved) context.ReportAt(path, span, message);
    }
}

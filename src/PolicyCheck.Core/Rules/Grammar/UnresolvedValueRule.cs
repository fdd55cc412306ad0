using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1034: a value a Terraform plan or a CloudFormation template leaves unknown before deployment; reported once, as a note, never a silent pass.</summary>
public sealed class UnresolvedValueRule : PolicyRule
{
    public override string Id => "PC1034";

    public override void Check(RuleContext context)
    {
        foreach (var (path, span, message) in context.Role.Unresolved) context.ReportAt(path, span, message);
    }
}

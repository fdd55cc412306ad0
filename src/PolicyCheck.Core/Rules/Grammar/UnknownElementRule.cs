using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1004: an element IAM does not know (often a wrongly cased name such as "statement").</summary>
public sealed class UnknownElementRule : ModelIssueRule
{
    public override string Id => PolicyReader.UnknownElementRule;
}

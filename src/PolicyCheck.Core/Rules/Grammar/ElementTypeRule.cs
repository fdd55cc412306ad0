using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1003: an element has the wrong JSON type (a number where a string belongs...).</summary>
public sealed class ElementTypeRule : ModelIssueRule
{
    public override string Id => PolicyReader.ElementTypeRule;
}

using PolicyCheck.Engine;
using PolicyCheck.Rules.AwsCatalog;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1038: aws:ResourceTag, aws:RequestTag or aws:PrincipalTag (or a service's) without the tag's name (AA MISSING_TAG_KEY_IN_CONDITION).</summary>
public sealed class MissingTagKeyRule : PolicyRule
{
    public override string Id => "PC1038";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            if (!ConditionKeys.IsTagFamilyWithoutName(c.Key.Value, out string family)) continue;
            context.Report(doc, c.Key.Span, $"\"{c.Key.Value}\" names no tag: the key is {family}/<tag-key>, so the condition compares a key no request has",
                $"write the tag's name: \"{family}/team\" for the tag team");
        }
    }
}

using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC1054: an action other than the STS role actions in a trust policy, which IAM rejects (AA UNSUPPORTED_ACTION_IN_POLICY).</summary>
public sealed class UnsupportedTrustActionRule : PolicyRule
{
    public override string Id => "PC1054";

    private static readonly string[] Supported = { "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession", "SetSourceIdentity", "SetContext" };

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Action == null) continue;
                foreach (var v in s.Action.Values)
                {
                    if (v.Value == "*" || Takes(v.Value)) continue;
                    context.Report(doc, v.Span,
                        $"\"{v.Value}\" is not an action a trust policy can allow: IAM accepts only sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext here, and rejects the policy",
                        "move the action to a permission policy, or remove it");
                }
            }
        }
    }

    private static bool Takes(string action)
    {
        if (!Names.SplitAction(action, out string prefix, out string name) || !Wildcard.Match(prefix, "sts", ignoreCase: true)) return false;
        foreach (string a in Supported)
        {
            if (Wildcard.Match(name, a, ignoreCase: true)) return true;
        }
        return false;
    }
}

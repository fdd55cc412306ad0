using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>
/// PC1037: a key that describes service principals in a permission policy, whose caller is always the IAM identity the
/// policy is attached to (AA IRRELEVANT_CONDITION_KEY_IN_POLICY).
/// </summary>
public sealed class ServicePrincipalKeyInPermissionPolicyRule : PolicyRule
{
    public override string Id => "PC1037";

    private static readonly string[] Keys = { "aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList" };

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, c) in context.Role.ConditionClauses())
        {
            if (doc.Kind != DocumentKind.Permission) continue;
            foreach (string key in Keys)
            {
                if (!string.Equals(c.Key.Value, key, StringComparison.OrdinalIgnoreCase)) continue;
                string state = key == "aws:PrincipalIsAWSService" ? "is always false" : "is never present";
                context.Report(doc, c.Key.Span,
                    $"{c.Key.Value} {state} in the requests a permission policy decides: their caller is the role or user the policy is attached to, never a service principal",
                    "remove the condition; test service principals in a resource or trust policy");
            }
        }
    }
}

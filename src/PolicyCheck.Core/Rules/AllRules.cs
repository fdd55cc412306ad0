using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Rules.Catalog;
using PolicyCheck.Rules.Grammar;
using PolicyCheck.Rules.Permissions;
using PolicyCheck.Rules.Trust;

namespace PolicyCheck.Rules;

/// <summary>Every rule, in catalogue order.</summary>
public static class AllRules
{
    public static IReadOnlyList<PolicyRule> Create() => new PolicyRule[]
    {
        new JsonSyntaxRule(), new DuplicateKeyRule(), new ElementTypeRule(), new UnknownElementRule(),
        new VersionMissingRule(), new VersionInvalidRule(), new StatementMissingRule(), new EffectRule(),
        new ActionElementRule(), new DuplicateSidRule(), new SidCharsetRule(), new ResourceInTrustPolicyRule(),
        new PrincipalInPermissionPolicyRule(), new PolicySizeRule(), new ResourceElementRule(), new PrincipalElementRule(),
        new EncodingRule(), new ConditionOperatorRule(), new ConditionValueRule(), new VariableVersionRule(),
        new UnknownServiceRule(), new UnknownServiceActionRule(), new WildcardMatchesNothingRule(), new ResourceTypeMismatchRule(),
        new InvalidArnRule(), new UnknownConditionKeyRule(), new OperatorKeyTypeRule(), new SetOperatorSingleValuedRule(),
        new AllowNotActionRule(), new PassRoleWildcardRule(), new RedundantEntryRule(), new EmptyElementRule(), new VariableUnsupportedRule(),
        new UnresolvedValueRule(),
        new WrongNamespaceRule(), new RequiredActionMissingRule(), new UnknownActionRule(), new WorkspaceArnFormatRule(),
        new WorkspaceArnMismatchRule(), new AccountScopedActionRule(), new DenyBlocksRequiredActionRule(), new BroadGrantRule(),
        new ActionBeyondFeaturesRule(), new ManagedPolicyMissingActionRule(),
        new TrustedPrincipalMissingRule(), new PrincipalTooBroadRule(), new AllowWithNotPrincipalRule(), new TrustActionRule(),
        new ExternalIdMissingRule(), new ExternalIdOperatorRule(), new ExternalIdValueRule(), new ExternalIdMismatchRule(),
        new UnsatisfiableConditionRule(), new UnexpectedPrincipalRule(),
        new GatewayCannotAssumeRule(), new TrustAdmitsOtherCallerRule(),
    };
}

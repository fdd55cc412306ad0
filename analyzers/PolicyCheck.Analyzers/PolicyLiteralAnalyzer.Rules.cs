// Generated from rules/catalog.yml by tools/PolicyCheck.Generate. Do not edit.
#nullable enable
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PolicyCheck.Analyzers;

public sealed partial class PolicyLiteralAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
        Descriptors.PC1001_JsonSyntax,
        Descriptors.PC1002_DuplicateKey,
        Descriptors.PC1003_ElementType,
        Descriptors.PC1004_UnknownElement,
        Descriptors.PC1005_VersionMissing,
        Descriptors.PC1006_VersionInvalid,
        Descriptors.PC1007_StatementMissing,
        Descriptors.PC1008_EffectInvalid,
        Descriptors.PC1009_ActionElement,
        Descriptors.PC1010_DuplicateSid,
        Descriptors.PC1011_SidCharset,
        Descriptors.PC1012_ResourceInTrustPolicy,
        Descriptors.PC1013_PrincipalInPermissionPolicy,
        Descriptors.PC1014_PolicySize,
        Descriptors.PC1015_ResourceElement,
        Descriptors.PC1016_PrincipalElement,
        Descriptors.PC1017_Encoding,
        Descriptors.PC1018_ConditionOperator,
        Descriptors.PC1019_ConditionValue,
        Descriptors.PC1020_VariableNeedsVersion,
        Descriptors.PC2001_WrongNamespace,
        Descriptors.PC2002_RequiredActionMissing,
        Descriptors.PC2003_UnknownAction,
        Descriptors.PC2004_WorkspaceArnFormat,
        Descriptors.PC2005_WorkspaceArnMismatch,
        Descriptors.PC2006_AccountScopedActionResource,
        Descriptors.PC2007_DenyBlocksRequiredAction,
        Descriptors.PC2008_BroadGrant,
        Descriptors.PC2009_ActionBeyondFeatures,
        Descriptors.PC2010_ManagedPolicyMissingAction,
        Descriptors.PC3001_TrustedPrincipalMissing,
        Descriptors.PC3002_PrincipalTooBroad,
        Descriptors.PC3003_AllowWithNotPrincipal,
        Descriptors.PC3004_TrustAction,
        Descriptors.PC3005_ExternalIdMissing,
        Descriptors.PC3006_ExternalIdOperator,
        Descriptors.PC3007_ExternalIdValue,
        Descriptors.PC3008_ExternalIdMismatch,
        Descriptors.PC3009_UnsatisfiableCondition,
        Descriptors.PC3010_UnexpectedPrincipal,
        Descriptors.PC3011_GatewayCannotAssume,
        Descriptors.PC3012_TrustAdmitsOtherCaller);
}

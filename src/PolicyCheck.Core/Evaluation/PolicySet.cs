using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>The policies in force for a request. Each part is optional.</summary>
public sealed class PolicySet
{
    private static readonly IReadOnlyList<PolicyDocument> None = Array.Empty<PolicyDocument>();

    /// <summary>The principal's identity-based policies; null when not known (a cross-account caller's own policies).</summary>
    public IReadOnlyList<PolicyDocument>? Identity { get; set; } = None;
    /// <summary>The resource's policy: for sts:AssumeRole, the role's trust policy.</summary>
    public PolicyDocument? ResourcePolicy { get; set; }
    public IReadOnlyList<PolicyDocument> Boundaries { get; set; } = None;
    public IReadOnlyList<PolicyDocument> Scps { get; set; } = None;
    public IReadOnlyList<PolicyDocument> Rcps { get; set; } = None;
    public PolicyDocument? SessionPolicy { get; set; }
    /// <summary>The account that owns the resource; taken from the resource ARN when not set.</summary>
    public string? ResourceAccount { get; set; }
}

using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>An AWS managed policy attached to the role, with where the attachment was written.</summary>
public sealed class AttachedManagedPolicy
{
    public AttachedManagedPolicy(ManagedPolicyFact fact, PolicyDocument document, Located<string> reference)
    {
        Fact = fact;
        Document = document;
        Reference = reference;
    }

    public ManagedPolicyFact Fact { get; }
    public PolicyDocument Document { get; }
    public Located<string> Reference { get; }
}

/// <summary>The policies of one IAM role, checked together: trust policy, permission policies, attached managed policies.</summary>
public sealed class RoleGroup
{
    public RoleGroup(string name)
    {
        Name = name;
    }

    public string Name { get; }
    public List<PolicyDocument> Documents { get; } = new List<PolicyDocument>();
    public List<AttachedManagedPolicy> ManagedPolicies { get; } = new List<AttachedManagedPolicy>();
    /// <summary>The role's permissions boundary, when the template defines it: the gateway's calls must fit inside it.</summary>
    public List<PolicyDocument> Boundaries { get; } = new List<PolicyDocument>();
    /// <summary>False for a role that has nothing to do with the gateway (another role in a Terraform plan): only the
    /// general IAM rules (PC1xxx) apply to it.</summary>
    public bool IsGatewayRole { get; set; } = true;
    /// <summary>Values a template or plan leaves unknown (computed at apply time): reported once each as a note by PC1034.</summary>
    public List<(string Path, PolicyCheck.Json.SourceSpan Span, string Message)> Unresolved { get; } = new List<(string, PolicyCheck.Json.SourceSpan, string)>();
    /// <summary>The gateway requests the proof rules share while this role is linted.</summary>
    internal GatewayRequests? Requests { get; set; }

    /// <summary>Every condition clause of every statement of the role's documents, with where it stands.</summary>
    public IEnumerable<(PolicyDocument Document, Statement Statement, ConditionClause Clause)> ConditionClauses()
    {
        foreach (var doc in Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses) yield return (doc, s, c);
            }
        }
    }

    public IEnumerable<PolicyDocument> OfKind(DocumentKind kind)
    {
        foreach (var d in Documents)
        {
            if (d.IsParsed && d.Kind == kind) yield return d;
        }
    }

    public bool Has(DocumentKind kind)
    {
        foreach (var _ in OfKind(kind)) return true;
        return false;
    }

    /// <summary>Permission documents of the role, the attached managed policies included.</summary>
    public IEnumerable<PolicyDocument> PermissionDocuments()
    {
        foreach (var d in OfKind(DocumentKind.Permission)) yield return d;
        foreach (var m in ManagedPolicies) yield return m.Document;
    }
}

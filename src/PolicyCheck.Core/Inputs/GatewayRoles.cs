using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs;

/// <summary>Which roles of a template or plan are the gateway's, and attaching AWS managed policies by ARN.</summary>
public static class GatewayRoles
{
    /// <summary>Ends the name of the group that holds a permissions boundary policy (linted with the general rules only).</summary>
    public const string BoundaryMark = " (permissions boundary)";

    /// <summary>Marks each role: only roles that are about the gateway get the gateway's rules; the others get the general IAM rules.</summary>
    public static void Mark(IEnumerable<RoleGroup> roles, GatewayConfig config, ServiceFacts facts)
    {
        var expected = config.ExpectedPrincipals(facts);
        foreach (var role in roles) role.IsGatewayRole = !role.Name.EndsWith(BoundaryMark, StringComparison.Ordinal) && IsGateway(role, expected, facts);
    }

    public static bool IsGateway(RoleGroup role, IReadOnlyList<string> expected, ServiceFacts facts)
    {
        foreach (var doc in role.Documents)
        {
            if (doc.Root == null) continue;
            foreach (var s in doc.Statements)
            {
                if (s.Principal != null)
                {
                    foreach (var e in s.Principal.Entries) foreach (var x in expected) if (e.Value.Value == x) return true;
                }
                foreach (var list in s.ActionLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        if (v.Value.StartsWith(facts.Namespace + ":", StringComparison.OrdinalIgnoreCase)) return true;
                        if (Rules.Names.SplitAction(v, out var prefix, out _) && facts.WrongNames.IsWrongNamespace(prefix)) return true;
                    }
                }
            }
        }
        foreach (var m in role.ManagedPolicies) if (m.Fact.Name.StartsWith("Anthropic", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Attaches an AWS managed policy the rules data knows; other ARNs are not ours to check.</summary>
    public static void Attach(RoleGroup role, string? arn, SourceSpan span, string path, ServiceFacts facts, ManagedPolicies managed)
    {
        if (arn == null) return;
        var fact = facts.FindManagedPolicy(arn);
        var document = fact != null ? managed.Document(arn) : null;
        if (fact != null && document != null) role.ManagedPolicies.Add(new AttachedManagedPolicy(fact, document, new Located<string>(arn, path, span)));
    }
}

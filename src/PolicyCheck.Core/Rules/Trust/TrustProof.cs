using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>The AssumeRole requests the trust proofs run, and the external ID they use.</summary>
internal static class TrustProof
{
    /// <summary>The configured external ID, else the one the trust policy expects from the principal (first StringEquals value).</summary>
    public static string? ExternalId(RoleGroup role, GatewayConfig config, string principal)
    {
        if (config.ExternalIdValue != null) return config.ExternalIdValue.Value;
        foreach (var (_, s) in TrustStatements.AssumeRoleAllows(role))
        {
            if (!TrustStatements.Admits(s, principal)) continue;
            foreach (var c in TrustStatements.ExternalIdClauses(s))
            {
                if (c.Values.Count > 0 && !c.IfExists && c.Qualifier == SetQualifier.None && c.BaseOperator.StartsWith("StringEquals", StringComparison.Ordinal)) return c.Values[0].Value;
            }
        }
        return null;
    }

    /// <summary>
    /// Evaluates the request against each trust document (a role has one; a folder may hold more). Returns the
    /// first allowing evaluation, else one that depends on values unknown offline, else the most telling denial.
    /// <paramref name="needDenial"/> false skips the full evaluation of denials when only an allow matters.
    /// </summary>
    public static (PolicyDocument? Doc, EvaluationResult? Result) Evaluate(RoleGroup role, GatewayRequests gateway, EvalRequest request, bool needDenial = true)
    {
        PolicyDocument? lastDoc = null, dependsDoc = null;
        EvaluationResult? last = null, depends = null;
        foreach (var doc in role.OfKind(DocumentKind.Trust))
        {
            var set = gateway.Trust(doc);
            var quick = Evaluator.Decide(set, request);
            if (quick == Decision.Depends && depends != null) continue;
            if (quick != Decision.Allowed && quick != Decision.Depends && (!needDenial || (last != null && quick == Decision.ImplicitDeny))) continue;
            var r = Evaluator.Evaluate(set, request);
            if (r.Decision == Decision.Allowed) return (doc, r);
            if (r.Decision == Decision.Depends)
            {
                depends = r;
                dependsDoc = doc;
                continue;
            }
            if (last == null || r.Decision == Decision.ExplicitDeny)
            {
                last = r;
                lastDoc = doc;
            }
        }
        return depends != null ? (dependsDoc, depends) : (lastDoc, last);
    }

    public static bool AnyAllows(RoleGroup role, GatewayRequests gateway, EvalRequest request, bool orDepends = false)
    {
        foreach (var doc in role.OfKind(DocumentKind.Trust))
        {
            var d = Evaluator.Decide(gateway.Trust(doc), request);
            if (d == Decision.Allowed || (orDepends && d == Decision.Depends)) return true;
        }
        return false;
    }

    public static string?[] Secrets(GatewayConfig config, string? externalId) => new[] { config.ExternalIdValue?.Value, externalId };

    public static IReadOnlyList<string> Expected(GatewayConfig config, ServiceFacts facts) => config.ExpectedPrincipals(facts);
}

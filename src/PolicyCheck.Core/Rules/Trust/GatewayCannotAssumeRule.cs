using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3011: proof that the gateway's principal, with the right external ID, can assume the role.</summary>
public sealed class GatewayCannotAssumeRule : PolicyRule
{
    public override string Id => "PC3011";

    public override void Check(RuleContext context)
    {
        if (!context.Role.Has(DocumentKind.Trust)) return;
        var gateway = GatewayRequests.For(context);
        foreach (var principal in TrustProof.Expected(context.Config, context.Facts))
        {
            string? externalId = TrustProof.ExternalId(context.Role, context.Config, principal);
            var request = gateway.AssumeRole(GatewayRequests.SessionOf(principal), externalId);
            if (TrustProof.AnyAllows(context.Role, gateway, request)) continue;
            var (doc, result) = TrustProof.Evaluate(context.Role, gateway, request);
            if (doc == null || result == null || result.Decision == Decision.Allowed) continue;
            if (result.Decision == Decision.Depends)
            {
                var may = result.MayMatch.Count > 0 ? result.MayMatch[0] : null;
                if (may == null || context.QuietAt(may.Document, may.Statement)) continue;
                var (r, q) = (result, request);
                string withId = externalId != null ? "with the configured external ID" : "(no external ID is configured or written)";
                string what = may.Statement.IsDeny ? $"{may.Statement.Label} may deny it" : $"{may.Statement.Label} lets it in only under a condition on values not known offline";
                context.ReportDepends(may.Document, may.Statement.Condition?.KeySpan ?? may.Statement.Span,
                    $"whether the gateway's principal {principal} {withId} can assume the role {Proofs.DependsOn(result.DependsOn)}: {what}",
                    result.DependsOn, () => Proofs.TraceOf(r, q, TrustProof.Secrets(context.Config, externalId)));
                continue;
            }
            // The statement to point at: the Deny that applied, else the Allow that came closest.
            StatementTrace? at = result.Decision == Decision.ExplicitDeny && result.Matched.Count > 0 ? result.Matched[0] : result.NearestMiss;
            if (at == null) continue; // nothing names the principal: PC3001 reports it
            if (context.QuietAt(at.Document, at.Statement)) continue; // a string rule has explained it
            IReadOnlyList<string> trace() => Proofs.TraceOf(result, request, TrustProof.Secrets(context.Config, externalId));
            string with = externalId != null ? "with the configured external ID" : "(no external ID is configured or written)";
            string why = result.Decision == Decision.ExplicitDeny
                ? $"{at.Statement.Label} denies it"
                : Proofs.Redact(at.Notes.Count > 0 ? at.Notes[at.Notes.Count - 1] : result.Reason, TrustProof.Secrets(context.Config, externalId));
            context.Report(at.Document, at.Statement.Span,
                $"the gateway's principal {principal} {with} cannot assume the role: {why}",
                $"make {at.Statement.Label} allow sts:AssumeRole for {principal} with only the sts:ExternalId condition", trace: trace);
        }
    }
}

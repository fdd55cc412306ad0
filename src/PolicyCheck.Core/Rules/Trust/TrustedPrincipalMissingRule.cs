using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>
/// PC3001: the evaluator refutes that the gateway's principal can assume the role, and no Allow statement admits it
/// at all (missing or misspelled). A statement that admits it but refuses it (a condition, a Deny) is PC3011's.
/// </summary>
public sealed class TrustedPrincipalMissingRule : PolicyRule
{
    public override string Id => "PC3001";

    /// <summary>A few characters off one expected principal and no other: safe to correct without asking.</summary>
    private static bool Misspelled(string value, string expected, RuleContext context)
    {
        if (Names.Distance(value, expected) > 4 && !string.Equals(value, expected, System.StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var other in context.Config.ExpectedPrincipals(context.Facts))
        {
            if (other != expected && TrustStatements.NearMiss(value, other) != null) return false;
        }
        return true;
    }

    public override void Check(RuleContext context)
    {
        PolicyDocument? trust = null;
        foreach (var d in context.Role.OfKind(DocumentKind.Trust))
        {
            trust = d;
            break;
        }
        if (trust == null) return;
        var gateway = GatewayRequests.For(context);
        foreach (var expected in context.Config.ExpectedPrincipals(context.Facts))
        {
            // The proof first: admitted (or admitted depending on a value unknown offline) means no PC3001.
            string? externalId = TrustProof.ExternalId(context.Role, context.Config, expected);
            var request = gateway.AssumeRole(GatewayRequests.SessionOf(expected), externalId);
            if (TrustProof.AnyAllows(context.Role, gateway, request, orDepends: true)) continue;
            bool named = false;
            foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
            {
                foreach (var s in doc.Statements)
                {
                    if (s.IsAllow && (TrustStatements.NamesPrincipal(s, expected) || TrustStatements.Admits(s, expected))) named = true;
                }
            }
            if (named) continue; // admitted but refused: PC3011 (or PC3004 for the action) says why
            bool reported = false;
            foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
            {
                foreach (var s in doc.Statements)
                {
                    foreach (var e in TrustStatements.AwsPrincipals(s))
                    {
                        string? why = TrustStatements.NearMiss(e.Value.Value, expected);
                        if (why == null) continue;
                        context.Report(doc, e.Value.Span, $"\"{e.Value.Value}\" looks like a misspelling of the gateway's principal {expected}: {why}",
                            $"use \"{expected}\"", edit: Misspelled(e.Value.Value, expected, context) ? new TextEdit(e.Value.Value, expected) : null);
                        reported = true;
                    }
                }
            }
            if (!reported)
            {
                context.Report(trust, trust.HasStatement ? trust.StatementKeySpan : trust.RootSpan,
                    $"no statement lets the gateway's principal {expected} assume the role; every request will fail with \"Trust policy error\"",
                    $"add an Allow statement with \"Principal\": {{\"AWS\": \"{expected}\"}} and \"Action\": \"sts:AssumeRole\"");
            }
        }
    }
}

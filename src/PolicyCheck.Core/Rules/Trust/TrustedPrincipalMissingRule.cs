using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3001: no Allow statement lets the gateway's principal call sts:AssumeRole (missing or misspelled).</summary>
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
        foreach (var expected in context.Config.ExpectedPrincipals(context.Facts))
        {
            bool named = false, allowed = false;
            foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
            {
                foreach (var s in doc.Statements)
                {
                    if (!s.IsAllow || !TrustStatements.NamesPrincipal(s, expected)) continue;
                    named = true;
                    if (Access.CoversAction(s, TrustStatements.AssumeRole)) allowed = true;
                }
            }
            if (allowed || named) continue; // named without sts:AssumeRole: PC3004 reports the action
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

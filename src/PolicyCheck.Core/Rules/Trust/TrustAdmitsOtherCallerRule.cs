using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>
/// PC3012: proof that nobody but the gateway gets in — the gateway's principal with a wrong external ID or none,
/// another account, anyone ("*"), and a user of the role's own account must all be denied sts:AssumeRole.
/// </summary>
public sealed class TrustAdmitsOtherCallerRule : PolicyRule
{
    public override string Id => "PC3012";

    public override void Check(RuleContext context)
    {
        if (!context.Role.Has(DocumentKind.Trust)) return;
        var expected = TrustProof.Expected(context.Config, context.Facts);
        if (expected.Count == 0) return; // self-hosted without a configured principal: nothing to compare with
        var gateway = GatewayRequests.For(context);
        string? rightId = TrustProof.ExternalId(context.Role, context.Config, expected[0]);
        var secrets = TrustProof.Secrets(context.Config, rightId);
        // Who each case is, said only when it is reported.
        var cases = new List<(Func<string> Who, CallerPrincipal Caller, string? ExternalId, bool Stranger)>();
        bool externalIdRequired = context.Config.Deployment == Deployment.Hosted || context.Config.ExternalIdRequired;
        foreach (var p in expected)
        {
            var session = GatewayRequests.SessionOf(p);
            if (externalIdRequired)
            {
                cases.Add((() => $"{p} with a wrong external ID", session, (rightId ?? "expected") + "-wrong", false));
                cases.Add((() => $"{p} without an external ID", session, null, false));
            }
        }
        foreach (var p in expected)
        {
            var arn = Arn.TryParse(p);
            if (arn != null && Arn.IsAccountId(arn.Account))
                cases.Add((() => $"another role in the gateway's own account {arn.Account}", GatewayRequests.Caller($"arn:aws:sts::{arn.Account}:assumed-role/SomeOtherRole/session"), rightId, true));
        }
        string other = OtherAccount(expected, gateway.Account);
        cases.Add((() => $"a role in another account ({other})", GatewayRequests.Caller($"arn:aws:sts::{other}:assumed-role/SomeRole/session"), rightId, true));
        cases.Add((() => "an anonymous caller (\"*\")", GatewayRequests.Caller("*"), rightId, true));
        cases.Add((() => $"an IAM user of the role's own account ({gateway.Account})", GatewayRequests.Caller($"arn:aws:iam::{gateway.Account}:user/someone-else"), rightId, true));

        foreach (var (who, caller, externalId, stranger) in cases)
        {
            if (stranger && IsExpected(caller, expected)) continue;
            var request = gateway.AssumeRole(caller, externalId);
            var (doc, result) = TrustProof.Evaluate(context.Role, gateway, request, needDenial: false);
            if (doc == null || result == null) continue;
            if (result.Decision == Decision.Depends && result.AllowDepends)
            {
                foreach (var t in result.MayMatch)
                {
                    if (!t.Statement.IsAllow || context.QuietAt(t.Document, t.Statement)) continue;
                    var s = t.Statement;
                    var (r, q) = (result, request);
                    context.ReportDepends(t.Document, s.Condition?.KeySpan ?? s.Span,
                        $"{Proofs.Redact(who(), secrets)} may assume the role: {s.Label} lets it through {Proofs.DependsOn(result.DependsOn)}",
                        result.DependsOn, () => Proofs.TraceOf(r, q, secrets));
                    break;
                }
                continue;
            }
            if (result.Decision != Decision.Allowed) continue;
            foreach (var t in result.Matched)
            {
                if (!t.Statement.IsAllow || context.QuietAt(t.Document, t.Statement)) continue;
                var s = t.Statement;
                var at = s.Principals != null ? s.Principals.KeySpan : s.Span;
                context.Report(t.Document, at,
                    $"{Proofs.Redact(who(), secrets)} can assume the role: {s.Label} lets it through",
                    $"restrict {s.Label} to the gateway's principal with \"StringEquals\": {{\"sts:ExternalId\": \"…\"}}",
                    trace: () => Proofs.TraceOf(result, request, secrets));
                break;
            }
        }
    }

    private static bool IsExpected(CallerPrincipal caller, IReadOnlyList<string> expected)
    {
        foreach (var e in expected)
        {
            if (caller.Kind != PrincipalKind.Anonymous && caller.MatchedBy("AWS", e)) return true;
        }
        return false;
    }

    private static string OtherAccount(IReadOnlyList<string> expected, string roleAccount)
    {
        foreach (var candidate in new[] { GatewayRequests.OtherAccount, "555566667777", "777788889999" })
        {
            bool used = candidate == roleAccount;
            foreach (var e in expected) used |= e.Contains(candidate);
            if (!used) return candidate;
        }
        return "999988887777";
    }
}

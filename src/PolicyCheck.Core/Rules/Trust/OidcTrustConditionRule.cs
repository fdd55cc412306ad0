using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>
/// PC1052: a web identity (OIDC) trust that does not pin who holds the token: no condition on the provider's keys
/// (AA MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL), GitHub without a sub condition (MISSING_GITHUB_REPO_CONDITION_KEY) or
/// with a wildcard in it (SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED); a note on Google's aud key (CONFIRM_AUDIENCE_CLAIM_TYPE).
/// </summary>
public sealed class OidcTrustConditionRule : PolicyRule
{
    public override string Id => "PC1052";

    private const string GitHub = "token.actions.githubusercontent.com";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Principal == null || !TakesWebIdentity(s)) continue;
                foreach (var e in s.Principal.Entries)
                {
                    if (e.Type != "Federated") continue;
                    string? host = Host(e.Value.Value);
                    if (host == null) continue;
                    CheckProvider(context, doc, s, e.Value, host);
                }
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses)
                {
                    if (!string.Equals(c.Key.Value, "accounts.google.com:aud", StringComparison.OrdinalIgnoreCase)) continue;
                    context.Report(doc, c.Key.Span,
                        "accounts.google.com:aud holds the token's azp claim when it has one, and its aud claim only otherwise: confirm which claim this value is (accounts.google.com:oaud always holds aud)",
                        "use accounts.google.com:oaud to test the aud claim itself", Severity.Note);
                }
            }
        }
    }

    private static void CheckProvider(RuleContext context, PolicyDocument doc, Statement s, StringValue principal, string host)
    {
        var own = new List<ConditionClause>();
        if (s.Condition != null)
        {
            foreach (var c in s.Condition.Clauses)
            {
                if (c.Key.Value.StartsWith(host + ":", StringComparison.OrdinalIgnoreCase) && Restricts(c)) own.Add(c);
            }
        }
        bool github = host.StartsWith(GitHub, StringComparison.OrdinalIgnoreCase);
        if (own.Count == 0)
        {
            string who = github ? "any workflow in any GitHub repository" : $"anyone {host} issues a token to";
            context.Report(doc, principal.Span,
                $"{s.Label} lets {who} assume this role: no condition tests the token's {host} keys",
                github ? $"add \"StringEquals\": {{\"{host}:aud\": \"sts.amazonaws.com\", \"{host}:sub\": \"repo:ORG/REPO:ref:refs/heads/main\"}}"
                       : $"add a StringEquals condition on {host}:aud (and {host}:sub) naming your application and identities");
            return;
        }
        if (!github) return;
        ConditionClause? sub = null;
        foreach (var c in own)
        {
            if (c.Key.Value.EndsWith(":sub", StringComparison.OrdinalIgnoreCase)) sub = c;
        }
        if (sub == null)
        {
            context.Report(doc, principal.Span,
                $"{s.Label} does not test {host}:sub, so a workflow in any GitHub repository can assume this role with the audience it names",
                $"add \"StringEquals\": {{\"{host}:sub\": \"repo:ORG/REPO:ref:refs/heads/main\"}}");
            return;
        }
        var op = Operators.Find(sub.BaseOperator);
        if (op == null || !op.Like) return;
        foreach (var v in sub.Values)
        {
            if (!Wildcard.HasWildcard(v.Value)) continue;
            context.Report(doc, v.Span,
                $"\"{v.Value}\": the wildcard in {host}:sub admits more repositories, branches or environments than one",
                "name the repository and branch (repo:ORG/REPO:ref:refs/heads/main) or environment (repo:ORG/REPO:environment:prod)");
        }
    }

    /// <summary>A clause that narrows who may assume: a positive operator that does not hold when the key is missing.</summary>
    private static bool Restricts(ConditionClause c)
    {
        var op = Operators.Find(c.BaseOperator);
        return op != null && !op.Negated && !c.IfExists && op.Family != OperatorFamily.Null && c.Qualifier != SetQualifier.ForAllValues;
    }

    private static bool TakesWebIdentity(Statement s)
    {
        if (s.Action == null) return false;
        foreach (var a in s.Action.Values)
        {
            if (Wildcard.Match(a.Value, "sts:AssumeRoleWithWebIdentity", ignoreCase: true)) return true;
        }
        return false;
    }

    /// <summary>The provider's host ("token.actions.githubusercontent.com") from its ARN or domain; null for SAML.</summary>
    private static string? Host(string value)
    {
        const string Marker = ":oidc-provider/";
        int i = value.IndexOf(Marker, StringComparison.Ordinal);
        if (i >= 0) return value.Substring(i + Marker.Length);
        if (value.StartsWith("arn:", StringComparison.Ordinal) || value.IndexOf('.') < 0) return null;
        return value;
    }
}

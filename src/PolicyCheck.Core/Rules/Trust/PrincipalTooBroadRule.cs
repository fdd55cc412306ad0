using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3002: "*", an account ID or an account root as the trusted principal.</summary>
public sealed class PrincipalTooBroadRule : PolicyRule
{
    public override string Id => "PC3002";

    public override void Check(RuleContext context)
    {
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        string instead = expected.Count > 0 ? $"use \"{expected[0]}\"" : context.Descriptor.Fix;
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Principal == null || RestrictedByPrincipalArn(s)) continue;
                foreach (var e in TrustStatements.AwsPrincipals(s))
                {
                    string v = e.Value.Value;
                    string? account = null;
                    if (v == "*")
                    {
                        context.Report(doc, e.Value.Span, "the trust policy lets any AWS principal in any account assume the role", instead);
                        continue;
                    }
                    if (Arn.IsAccountId(v)) account = v;
                    else
                    {
                        var arn = Arn.TryParse(v);
                        if (arn != null && arn.Service == "iam" && arn.Resource == "root") account = arn.Account;
                    }
                    if (account == null) continue;
                    string whose = account == context.Facts.Portkey.HostedAccount ? "Portkey's account " + account : "account " + account;
                    context.Report(doc, e.Value.Span,
                        $"\"{v}\" trusts every role and user in {whose}, not just the gateway (confused-deputy risk)", instead);
                }
            }
        }
    }

    /// <summary>
    /// A condition on aws:PrincipalArn that names specific principals (ArnEquals, ArnLike, StringEquals, StringLike with
    /// values free of wildcards) narrows a broad principal: it is not "a whole account". PC3012 proves who else is refused.
    /// </summary>
    private static bool RestrictedByPrincipalArn(Statement s)
    {
        if (s.Condition == null) return false;
        foreach (var c in s.Condition.Clauses)
        {
            if (!string.Equals(c.Key.Value, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase) || c.IfExists || c.Qualifier != SetQualifier.None) continue;
            if (c.BaseOperator != "ArnEquals" && c.BaseOperator != "ArnLike" && c.BaseOperator != "StringEquals" && c.BaseOperator != "StringLike") continue;
            bool literal = c.Values.Count > 0;
            foreach (var v in c.Values) literal &= v.Value.IndexOf('*') < 0 && v.Value.IndexOf('?') < 0 && v.Value.IndexOf("${", StringComparison.Ordinal) < 0;
            if (literal) return true;
        }
        return false;
    }
}

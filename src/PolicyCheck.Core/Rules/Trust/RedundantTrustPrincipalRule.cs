using System;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC1053: an assumed-role session listed beside the role it belongs to, which already admits every session (AA REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY).</summary>
public sealed class RedundantTrustPrincipalRule : PolicyRule
{
    public override string Id => "PC1053";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (s.Principal == null) continue;
                foreach (var session in s.Principal.Entries)
                {
                    var sa = session.Type == "AWS" ? Arn.TryParse(session.Value.Value) : null;
                    if (sa == null || sa.Service != "sts" || !sa.Resource.StartsWith("assumed-role/", StringComparison.Ordinal)) continue;
                    var parts = sa.Resource.Split('/');
                    if (parts.Length < 3) continue;
                    foreach (var role in s.Principal.Entries)
                    {
                        var ra = role.Type == "AWS" ? Arn.TryParse(role.Value.Value) : null;
                        if (ra == null || ra.Service != "iam" || ra.Account != sa.Account || !ra.Resource.StartsWith("role/", StringComparison.Ordinal)) continue;
                        string name = ra.Resource.Substring(ra.Resource.LastIndexOf('/') + 1);
                        if (!string.Equals(name, parts[1], StringComparison.Ordinal)) continue;
                        context.Report(doc, session.Value.Span,
                            $"\"{session.Value.Value}\" is redundant: \"{role.Value.Value}\" already admits every session of that role",
                            "remove the assumed-role entry");
                        break;
                    }
                }
            }
        }
    }
}

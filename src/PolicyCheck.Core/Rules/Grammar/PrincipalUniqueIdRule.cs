using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1048: a role's or user's unique ID (AROA…, AIDA…) in Principal, where IAM writes deleted principals (AA INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE).</summary>
public sealed class PrincipalUniqueIdRule : PolicyRule
{
    public override string Id => "PC1048";

    private static readonly Regex UniqueId = new Regex("^(AROA|AIDA)[A-Z0-9]{12,}$", RegexOptions.CultureInvariant);

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                var p = s.Principals;
                if (p == null) continue;
                foreach (var e in p.Entries)
                {
                    if (e.Type != "AWS" || !UniqueId.IsMatch(e.Value.Value)) continue;
                    string what = e.Value.Value.StartsWith("AROA", System.StringComparison.Ordinal) ? "role" : "user";
                    context.Report(doc, e.Value.Span,
                        $"\"{e.Value.Value}\" is an IAM {what}'s unique ID, not its ARN: IAM shows an ID here when the {what} was deleted, and a {what} recreated with the same name gets a new ID, so this entry matches nobody",
                        $"name the {what} by its ARN (arn:aws:iam::ACCOUNT:{what}/NAME)");
                }
            }
        }
    }
}

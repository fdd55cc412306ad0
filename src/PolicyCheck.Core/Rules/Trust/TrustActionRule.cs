using System;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3004: the gateway's trust statement must allow exactly sts:AssumeRole.</summary>
public sealed class TrustActionRule : PolicyRule
{
    public override string Id => "PC3004";

    public override void Check(RuleContext context)
    {
        var expected = context.Config.ExpectedPrincipals(context.Facts);
        foreach (var doc in context.Role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || !TrustStatements.ForExpected(s, expected)) continue;
                if (s.NotAction != null)
                {
                    context.Report(doc, s.NotAction.KeySpan, $"{s.Label} uses NotAction: the principal gets every action except the listed ones", "write \"Action\": \"sts:AssumeRole\"");
                    continue;
                }
                if (s.Action == null) continue;
                bool exact = false;
                foreach (var a in s.Action.Values)
                {
                    if (string.Equals(a.Value, TrustStatements.AssumeRole, StringComparison.OrdinalIgnoreCase)) exact = true;
                }
                foreach (var a in s.Action.Values)
                {
                    string v = a.Value;
                    if (string.Equals(v, TrustStatements.AssumeRole, StringComparison.OrdinalIgnoreCase)) continue;
                    if (Wildcard.HasWildcard(v))
                    {
                        if (Wildcard.Match(v, TrustStatements.AssumeRole, true))
                        {
                            context.Report(doc, a.Span, $"\"{v}\" allows more than sts:AssumeRole, the only call Portkey makes",
                                "write \"Action\": \"sts:AssumeRole\"", Severity.Warning);
                        }
                        continue;
                    }
                    if (!exact && v.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Report(doc, a.Span, $"\"{v}\" does not match Portkey's call: the gateway calls sts:AssumeRole", "write \"Action\": \"sts:AssumeRole\"");
                    }
                    else if (!exact)
                    {
                        context.Report(doc, a.Span, $"{s.Label} allows \"{v}\" but not sts:AssumeRole, the call Portkey makes", "write \"Action\": \"sts:AssumeRole\"");
                    }
                    else
                    {
                        context.Report(doc, a.Span, $"\"{v}\" is not needed by Portkey, which calls only sts:AssumeRole", $"remove \"{v}\"", Severity.Warning);
                    }
                }
            }
        }
    }
}

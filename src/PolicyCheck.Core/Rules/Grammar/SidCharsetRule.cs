using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1011: a Sid may only contain A-Z, a-z and 0-9, and may not be empty.</summary>
public sealed class SidCharsetRule : PolicyRule
{
    public override string Id => "PC1011";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Sid == null) continue;
                string v = s.Sid.Value;
                if (v.Length == 0)
                {
                    context.Report(doc, s.Sid.Span, "the Sid is empty", "remove the Sid or give it a name of letters and digits");
                    continue;
                }
                foreach (char c in v)
                {
                    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                    if (ok) continue;
                    var clean = new System.Text.StringBuilder();
                    bool upper = true;
                    foreach (char k in v)
                    {
                        if ((k >= 'A' && k <= 'Z') || (k >= 'a' && k <= 'z') || (k >= '0' && k <= '9'))
                        {
                            clean.Append(upper ? char.ToUpperInvariant(k) : k);
                            upper = false;
                        }
                        else
                        {
                            upper = true;
                        }
                    }
                    string shown = c == ' ' ? "a space" : $"'{c}'";
                    context.Report(doc, s.Sid.Span, $"Sid \"{v}\" contains {shown}; IAM Sids allow only letters and digits",
                        clean.Length > 0 ? $"rename it to \"{clean}\"" : null);
                    break;
                }
            }
        }
    }
}

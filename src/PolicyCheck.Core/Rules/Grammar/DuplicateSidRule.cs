using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Grammar;

/// <summary>PC1010: two statements of one policy share a Sid.</summary>
public sealed class DuplicateSidRule : PolicyRule
{
    public override string Id => "PC1010";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            var seen = new Dictionary<string, StringValue>(System.StringComparer.Ordinal);
            foreach (var s in doc.Statements)
            {
                if (s.Sid == null || s.Sid.Value.Length == 0) continue;
                if (seen.TryGetValue(s.Sid.Value, out var first))
                {
                    context.Report(doc, s.Sid.Span, $"Sid \"{s.Sid.Value}\" is already used at line {first.Span.Line}; Sids must be unique in a policy");
                }
                else
                {
                    seen[s.Sid.Value] = s.Sid;
                }
            }
        }
    }
}

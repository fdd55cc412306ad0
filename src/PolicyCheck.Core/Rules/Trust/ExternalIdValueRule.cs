using System;
using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Facts;

namespace PolicyCheck.Rules.Trust;

/// <summary>PC3007: the external ID is a placeholder, guessable, or not a valid external ID.</summary>
public sealed class ExternalIdValueRule : PolicyRule
{
    public override string Id => "PC3007";

    public override void Check(RuleContext context)
    {
        var pk = context.Facts.Portkey;
        var pattern = PatternOf(pk.ExternalIdPattern);
        foreach (var doc in context.Role.OfKind(Model.DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                foreach (var c in TrustStatements.ExternalIdClauses(s))
                {
                    if (!c.BaseOperator.StartsWith("String", StringComparison.Ordinal)) continue;
                    foreach (var v in c.Values)
                    {
                        string id = v.Value;
                        if (c.BaseOperator.StartsWith("StringLike", StringComparison.Ordinal) && Wildcard.HasWildcard(id)) continue; // PC3006
                        if (IsPlaceholder(id, pk.PlaceholderExternalIds))
                        {
                            context.Report(doc, v.Span, $"\"{id}\" is a placeholder, not an external ID; Portkey will send a different value");
                        }
                        else if (id.Length < pk.ExternalIdMinLength || id.Length > pk.ExternalIdMaxLength)
                        {
                            context.Report(doc, v.Span, $"the external ID has {id.Length} characters; AWS accepts {pk.ExternalIdMinLength} to {pk.ExternalIdMaxLength}");
                        }
                        else if (!pattern.IsMatch(id))
                        {
                            context.Report(doc, v.Span, $"the external ID contains {FirstBad(id, pattern)}; AWS allows only letters, digits and +=,.@:/-_");
                        }
                        else if (IsGuessable(id))
                        {
                            context.Report(doc, v.Span, $"the external ID \"{id}\" is easy to guess", severity: Severity.Warning);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The facts' pattern, compiled once (not per role: 5,000 roles would build it 5,000 times).</summary>
    private static Regex PatternOf(string text)
    {
        var last = _pattern;
        if (last != null && last.ToString() == text) return last;
        return _pattern = new Regex(text, RegexOptions.CultureInvariant);
    }

    private static volatile Regex? _pattern;

    private static bool IsPlaceholder(string id, System.Collections.Generic.IReadOnlyList<string> placeholders)
    {
        if (id.StartsWith("<", StringComparison.Ordinal) && id.EndsWith(">", StringComparison.Ordinal)) return true;
        if (id.StartsWith("${", StringComparison.Ordinal) || id.StartsWith("{{", StringComparison.Ordinal)) return true;
        foreach (var p in placeholders) if (string.Equals(p, id, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static string FirstBad(string id, Regex pattern)
    {
        foreach (char c in id)
        {
            if (!pattern.IsMatch(c.ToString())) return c == ' ' ? "a space" : $"'{c}'";
        }
        return "a character outside the allowed set";
    }

    /// <summary>Short, or one repeated character, or a run of consecutive digits.</summary>
    private static bool IsGuessable(string id)
    {
        if (id.Length < 8) return true;
        bool same = true, sequence = true;
        for (int i = 1; i < id.Length; i++)
        {
            if (id[i] != id[0]) same = false;
            if (id[i] != id[i - 1] + 1) sequence = false;
        }
        return same || sequence;
    }
}

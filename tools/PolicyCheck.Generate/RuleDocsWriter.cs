using System.Collections.Generic;
using System.Text;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Generate;

/// <summary>Writes docs/rules/ID.md for each catalogue entry.</summary>
public static class RuleDocsWriter
{
    public const string Folder = "docs/rules";

    public static string Write(RuleEntry entry)
    {
        var d = entry.Descriptor;
        var w = new StringBuilder();
        w.Append("<!-- Generated from rules/catalog.yml by tools/PolicyCheck.Generate. Edit the catalogue, not this page. -->\n");
        w.Append("# ").Append(d.Id).Append(": ").Append(d.Title).Append("\n\n");
        w.Append("| | |\n|---|---|\n");
        w.Append("| ID | `").Append(d.Id).Append("` (`").Append(d.Name).Append("`) |\n");
        w.Append("| Category | ").Append(d.Category).Append(" |\n");
        w.Append("| Default severity | ").Append(RuleIndex.SeverityName(d.DefaultSeverity)).Append(" |\n");
        if (d.SeverityVaries != null) w.Append("| Otherwise | ").Append(d.SeverityVaries).Append(" |\n");
        if (d.QuietWhereReported.Count > 0) w.Append("| Stays quiet on a statement where | ").Append(string.Join(", ", d.QuietWhereReported)).Append(" reported |\n");
        w.Append('\n');
        w.Append("## What it checks and why\n\n").Append(d.Help).Append("\n\n");
        w.Append("## How to fix\n\n").Append(d.Fix).Append("\n\n");
        w.Append("## Example\n\nFlagged:\n\n```\n").Append(entry.Bad.TrimEnd('\n')).Append("\n```\n\n");
        w.Append("Passes:\n\n```\n").Append(entry.Good.TrimEnd('\n')).Append("\n```\n\n");
        w.Append("## Configuration\n\n```yaml\nrules:\n  ").Append(d.Id).Append(": warning   # error | warning | note | off\n");
        w.Append("suppressions:\n  - rule: ").Append(d.Id).Append("\n    path: \"legacy/**\"\n    justification: \"why this is accepted\"\n```\n");
        return w.ToString();
    }

    public static string WriteIndex(IReadOnlyList<RuleEntry> entries)
    {
        var w = new StringBuilder();
        w.Append("<!-- Generated from rules/catalog.yml by tools/PolicyCheck.Generate. -->\n# Rules\n\n| ID | Name | Severity | Title |\n|---|---|---|---|\n");
        foreach (var e in entries)
        {
            var d = e.Descriptor;
            w.Append("| [").Append(d.Id).Append("](").Append(d.Id).Append(".md) | `").Append(d.Name).Append("` | ")
             .Append(RuleIndex.SeverityName(d.DefaultSeverity)).Append(d.SeverityVaries != null ? "*" : string.Empty).Append(" | ").Append(d.Title).Append(" |\n");
        }
        w.Append("\n\\* The severity can differ: the rule's page says when.\n");
        return w.ToString();
    }
}

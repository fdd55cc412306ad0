using System;
using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs;

/// <summary>
/// Maps positions in a policy that is text inside another file (a JSON string in a Terraform plan or template, a YAML
/// block scalar in a template) back to that file's own lines and columns.
/// </summary>
public static class EmbeddedPolicySpans
{
    /// <summary>For a JSON string literal: offsets in the decoded string → the file, through escapes.</summary>
    public static Func<SourceSpan, SourceSpan> JsonString(string text, LineMap lines, SourceScalar s)
    {
        int start = s.Span.Start + 1, end = s.Span.Start + s.Span.Length - 1;
        var map = new List<int>(s.Text.Length + 1);
        int i = start;
        while (i < end)
        {
            map.Add(i);
            if (text[i] != '\\') { i++; continue; }
            i += i + 1 < end && text[i + 1] == 'u' ? 6 : 2;
        }
        map.Add(end);
        return Through(map, lines);
    }

    /// <summary>
    /// For a YAML literal block scalar (<c>|</c>) whose value is the text as written: each line of the value is a line
    /// of the file after the indentation. Null when the value does not match the file line by line (a folded scalar,
    /// substitutions), so the caller falls back to the scalar's start.
    /// </summary>
    public static Func<SourceSpan, SourceSpan>? BlockScalar(string text, LineMap lines, SourceSpan span, string value)
    {
        int header = text.IndexOf('\n', span.Start);
        if (header < 0 || header > span.Start + span.Length) return null;
        int pos = header + 1;
        var valueLines = value.Split('\n');
        int count = value.EndsWith("\n", StringComparison.Ordinal) ? valueLines.Length - 1 : valueLines.Length;
        int indent = -1;
        var map = new List<int>(value.Length + 1);
        for (int k = 0; k < count; k++)
        {
            if (pos > text.Length) return null;
            int eol = text.IndexOf('\n', pos);
            if (eol < 0) eol = text.Length;
            string source = text.Substring(pos, eol - pos).TrimEnd('\r');
            string line = valueLines[k];
            if (line.Length == 0)
            {
                if (source.Trim().Length != 0) return null;
                map.Add(pos);
            }
            else
            {
                if (indent < 0) indent = source.Length - source.TrimStart(' ').Length;
                if (source.Length < indent || string.CompareOrdinal(source, indent, line, 0, Math.Max(line.Length, source.Length - indent)) != 0) return null;
                for (int j = 0; j < line.Length; j++) map.Add(pos + indent + j);
                map.Add(pos + indent + line.Length); // the line break
            }
            pos = eol + 1;
        }
        map.Add(Math.Min(pos, text.Length));
        return Through(map, lines);
    }

    private static Func<SourceSpan, SourceSpan> Through(List<int> map, LineMap lines) => span =>
    {
        int a = Math.Min(span.Start, map.Count - 1), b = Math.Min(span.Start + span.Length, map.Count - 1);
        return lines.Span(map[a], Math.Max(0, map[b] - map[a]));
    };
}

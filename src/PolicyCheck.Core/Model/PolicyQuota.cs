using System;
using PolicyCheck.Json;

namespace PolicyCheck.Model;

/// <summary>A policy's length as IAM counts it against its quotas: the JSON without whitespace outside strings.</summary>
public static class PolicyQuota
{
    /// <param name="asWritten">
    /// True for a policy read from JSON text: names and strings count as written there (escapes included). False for a
    /// policy CloudFormation or Terraform serializes (a template's YAML): they count as compact JSON would write them.
    /// </param>
    public static int Length(SourceNode node, bool asWritten)
    {
        switch (node)
        {
            case SourceObject o:
            {
                int n = 2 + Math.Max(0, o.Properties.Count - 1);
                foreach (var p in o.Properties) n += (asWritten ? p.NameSpan.Length : Quoted(p.Name)) + 1 + Length(p.Value, asWritten);
                return n;
            }
            case SourceArray a:
            {
                int n = 2 + Math.Max(0, a.Items.Count - 1);
                foreach (var i in a.Items) n += Length(i, asWritten);
                return n;
            }
            case SourceScalar s when s.Kind == NodeKind.String:
                return asWritten ? s.Span.Length : Quoted(s.Text);
            case SourceScalar s:
                return s.Text.Length == 0 ? 4 : s.Text.Length;
            default:
                return 0;
        }
    }

    private static int Quoted(string text)
    {
        int n = 2;
        foreach (char c in text) n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
        return n;
    }
}

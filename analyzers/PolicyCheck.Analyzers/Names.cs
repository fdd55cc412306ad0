using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PolicyCheck.Facts;

namespace PolicyCheck.Analyzers;

/// <summary>Small helpers shared by the analyzers.</summary>
internal static class Code
{
    public const string Replacement = "Replacement";
    public const string SpanReplacement = "SpanReplacement";
    /// <summary>The replacement is for the literal at the diagnostic's first additional location (a constant's declaration).</summary>
    public const string AtDeclaration = "AtDeclaration";
    /// <summary>The fix removes the literal from its list (which already holds the replacement).</summary>
    public const string RemoveElement = "RemoveElement";

    public static ServiceFacts Facts => BuiltIn.Service;

    public static ImmutableDictionary<string, string?> Fix(string? replacement)
        => replacement == null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(Replacement, replacement);

    /// <summary>The fix replaces exactly the diagnostic's source span with this text (for parts of interpolated or concatenated strings).</summary>
    public static ImmutableDictionary<string, string?> SpanFix(string text) => ImmutableDictionary<string, string?>.Empty.Add(SpanReplacement, text);

    public static bool In(string value, IEnumerable<string> names)
    {
        foreach (var n in names) if (string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>"us-west-2" out of "…aws-external-anthropic.us-west-2.api.aws…" (index just after the prefix).</summary>
    public static string? RegionAt(string s, int start)
    {
        int dot = s.IndexOf('.', start);
        if (dot <= start) return null;
        string r = s.Substring(start, dot - start);
        return Engine.Arn.IsRegionShape(r) ? r : null;
    }

    public static bool IsLiteral(SyntaxNode? node)
        => node is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax l && l.Token.Value is string;
}

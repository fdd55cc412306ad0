using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyCheck.Analyzers;

/// <summary>PC5002: aws-external-anthropic.{region}.amazonaws.com, or another service's host next to Claude Platform code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointHostAnalyzer : PolicyCheckAnalyzer
{
    private static readonly string Prefix = Code.Facts.SigningName + ".";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PC5002_EndpointHostInCode);

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var scope = new ClaudeScope();
        var options = CodeOptions.Read(start.Options, start.CancellationToken);
        start.RegisterSyntaxNodeAction(c => Analyze(c, scope, options), SyntaxKind.StringLiteralExpression);
        start.RegisterSyntaxNodeAction(AnalyzeParts, SyntaxKind.InterpolatedStringExpression, SyntaxKind.AddExpression);
    }

    /// <summary>
    /// $"https://aws-external-anthropic.{region}.amazonaws.com" and "…anthropic." + region + ".amazonaws.com": the region
    /// is a hole, the wrong suffix is text after it. Reported at ".amazonaws.com"; the fix replaces exactly that text.
    /// </summary>
    private static void AnalyzeParts(SyntaxNodeAnalysisContext c)
    {
        if (c.Node.IsKind(SyntaxKind.AddExpression) && c.Node.Parent.IsKind(SyntaxKind.AddExpression)) return;
        var parts = new System.Collections.Generic.List<(string? Text, SyntaxToken Token)>();
        if (c.Node is InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (var content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text) parts.Add((text.TextToken.ValueText, text.TextToken));
                else parts.Add((null, default));
            }
        }
        else Flatten((ExpressionSyntax)c.Node, parts);
        for (int i = 0; i + 2 < parts.Count; i++)
        {
            if (parts[i].Text is not string before || parts[i + 1].Text != null || parts[i + 2].Text is not string after) continue;
            if (!before.EndsWith(Prefix, StringComparison.Ordinal) || !after.StartsWith(".amazonaws.com", StringComparison.Ordinal)) continue;
            var token = parts[i + 2].Token;
            int at = token.Text.IndexOf(".amazonaws.com", StringComparison.Ordinal);
            if (at < 0) continue;
            var location = Location.Create(token.SyntaxTree!, new Microsoft.CodeAnalysis.Text.TextSpan(token.SpanStart + at, 14));
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5002_EndpointHostInCode, location, Code.SpanFix(".api.aws"),
                $"aws-external-anthropic.{{region}}.amazonaws.com does not exist; the Claude Platform on AWS endpoint is aws-external-anthropic.{{region}}.api.aws"));
        }
    }

    /// <summary>The operands of a + chain, left to right: string literals as text, everything else as a hole.</summary>
    private static void Flatten(ExpressionSyntax e, System.Collections.Generic.List<(string? Text, SyntaxToken Token)> parts)
    {
        if (e is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.AddExpression))
        {
            Flatten(b.Left, parts);
            Flatten(b.Right, parts);
        }
        else if (e is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.StringLiteralExpression)) parts.Add((l.Token.ValueText, l.Token));
        else if (e is ParenthesizedExpressionSyntax p) Flatten(p.Expression, parts);
        else parts.Add((null, default));
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, ClaudeScope scope, CodeOptions options)
    {
        var token = ((LiteralExpressionSyntax)c.Node).Token;
        string value = token.ValueText;
        if (value.IndexOf(".amazonaws.com", StringComparison.Ordinal) < 0 && value.IndexOf(".api.aws", StringComparison.Ordinal) < 0
            && value.IndexOf("api.anthropic.com", StringComparison.Ordinal) < 0) return;

        // aws-external-anthropic.{region}.amazonaws.com: certain fix.
        int at = value.IndexOf(Prefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            string? region = Code.RegionAt(value, at + Prefix.Length) ?? Placeholder(value, at + Prefix.Length);
            int tail = at + Prefix.Length + (region?.Length ?? 0);
            if (region != null && string.CompareOrdinal(value, tail, ".amazonaws.com", 0, 14) == 0)
            {
                string right = Prefix + region + ".api.aws";
                Report(c, token, at, tail + 14 - at, value.Substring(0, at) + right + value.Substring(tail + 14),
                    $"{value.Substring(at, tail + 14 - at)} does not exist; the Claude Platform on AWS endpoint is {right}");
            }
            return;
        }

        // Other services' hosts, when this code talks to Claude Platform on AWS.
        if (Code.Facts.WrongNames.FindHost(value, Prefix, out int h, out string host, out bool regional))
        {
            if (!scope.Contains(c.Node)) return;
            string? region = regional ? Code.RegionAt(value, h + host.Length) : options.ExpectedRegion(c.Options, c.Node.SyntaxTree);
            int end = regional && region != null ? HostEnd(value, h + host.Length + region.Length) : h + host.Length;
            string wrongHost = value.Substring(h, end - h);
            string? fixedValue = region != null ? value.Substring(0, h) + Prefix + region + ".api.aws" + value.Substring(end) : null;
            Report(c, token, h, end - h, fixedValue,
                $"{wrongHost} is another service's host, but this code targets Claude Platform on AWS: use aws-external-anthropic.{region ?? "{region}"}.api.aws");
        }
    }

    /// <summary>A string.Format placeholder where the region goes ("{0}", "{region}"), or null.</summary>
    private static string? Placeholder(string s, int start)
    {
        if (start >= s.Length || s[start] != '{') return null;
        int close = s.IndexOf('}', start);
        return close > start + 1 && close + 1 < s.Length && s[close + 1] == '.' ? s.Substring(start, close - start + 1) : null;
    }

    private static int HostEnd(string s, int from)
    {
        int i = from;
        while (i < s.Length && s[i] != '/' && s[i] != ':' && s[i] != '"' && s[i] != ' ') i++;
        return i;
    }

    private static void Report(SyntaxNodeAnalysisContext c, SyntaxToken token, int start, int length, string? replacement, string message)
    {
        var literal = LiteralText.From(token);
        c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5002_EndpointHostInCode, literal.Location(start, length), Code.Fix(replacement), message));
    }
}

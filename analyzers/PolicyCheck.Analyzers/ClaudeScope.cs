using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyCheck.Analyzers;

/// <summary>
/// Does this code target Claude Platform on AWS? True when the enclosing type (or the file, for top-level code) has a
/// string with its host or signing name, a workspace ARN/ID or the anthropic-workspace-id header, or uses Anthropic.Aws.
/// Asked only after a suspicious literal is found; cached per type for the compilation.
/// </summary>
internal sealed class ClaudeScope
{
    private readonly ConcurrentDictionary<SyntaxNode, bool> _cache = new ConcurrentDictionary<SyntaxNode, bool>();

    public bool Contains(SyntaxNode node)
    {
        SyntaxNode scope = (SyntaxNode?)node.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? node.SyntaxTree.GetRoot();
        return _cache.GetOrAdd(scope, Scan);
    }

    private static bool Scan(SyntaxNode scope)
    {
        var root = scope.SyntaxTree.GetRoot() as CompilationUnitSyntax;
        if (root != null)
        {
            foreach (var u in root.Usings)
            {
                if (u.Name != null && u.Name.ToString().StartsWith("Anthropic.Aws", StringComparison.Ordinal)) return true;
            }
        }
        foreach (var token in scope.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
                && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.InterpolatedStringTextToken)) continue;
            if (IsMarker(token.ValueText)) return true;
        }
        return false;
    }

    public static bool IsMarker(string s)
        => s.IndexOf("aws-external-anthropic", StringComparison.Ordinal) >= 0
           || s.IndexOf("anthropic-workspace-id", StringComparison.OrdinalIgnoreCase) >= 0
           || s.IndexOf("wrkspc_", StringComparison.Ordinal) >= 0;
}

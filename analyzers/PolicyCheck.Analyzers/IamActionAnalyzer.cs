using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyCheck.Engine;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace PolicyCheck.Analyzers;

/// <summary>PC5003: IAM action strings — wrong namespace next to Claude Platform code, unknown aws-external-anthropic actions.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IamActionAnalyzer : PolicyCheckAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PC5003_IamActionInCode);

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var scope = new ClaudeScope();
        start.RegisterSyntaxNodeAction(c => Analyze(c, scope), SyntaxKind.StringLiteralExpression);
    }

    /// <summary>"prefix:Name" with no spaces, slashes or further colons.</summary>
    private static bool LooksLikeAction(string v, out string prefix, out string name)
    {
        prefix = name = string.Empty;
        int colon = v.IndexOf(':');
        if (colon <= 0 || colon == v.Length - 1 || v.IndexOf(':', colon + 1) >= 0) return false;
        foreach (char ch in v)
        {
            if (!(char.IsLetterOrDigit(ch) || ch == '-' || ch == ':' || ch == '*' || ch == '?')) return false;
        }
        prefix = v.Substring(0, colon);
        name = v.Substring(colon + 1);
        return true;
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, ClaudeScope scope)
    {
        var token = ((LiteralExpressionSyntax)c.Node).Token;
        string value = token.ValueText;
        if (value.Length > 128 || !LooksLikeAction(value, out string prefix, out string name)) return;
        var facts = Code.Facts;
        string? renamed = Rename(value);
        if (string.Equals(prefix, facts.Namespace, StringComparison.OrdinalIgnoreCase))
        {
            if (Wildcard.HasWildcard(name))
            {
                if (Access.Expand(facts, value).Count == 0)
                    Report(c, token, null, $"\"{value}\" matches no {facts.Namespace} action");
                return;
            }
            var fact = facts.FindAction(name);
            if (fact != null && string.Equals(fact.Name, name, StringComparison.Ordinal) && prefix == facts.Namespace) return;
            if (fact != null)
            {
                Report(c, token, facts.Qualified(fact.Name), $"\"{value}\" should be written \"{facts.Qualified(fact.Name)}\"");
                return;
            }
            if (renamed != null)
            {
                Report(c, token, renamed, $"\"{value}\" is not a {facts.Namespace} action; use \"{renamed}\"");
                return;
            }
            var names = new System.Collections.Generic.List<string>();
            foreach (var a in facts.Actions) names.Add(a.Name);
            string? nearest = PolicyCheck.Rules.Names.Nearest(name, names);
            Report(c, token, null, $"\"{value}\" is not a {facts.Namespace} action{(nearest != null ? $"; did you mean \"{facts.Qualified(nearest)}\"?" : string.Empty)}");
            return;
        }
        if (!facts.WrongNames.IsWrongNamespace(prefix)) return;
        if (!scope.Contains(c.Node)) return;
        string? right = renamed ?? (facts.FindAction(name) is { } same ? facts.Qualified(same.Name) : null);
        Report(c, token, right, $"\"{value}\" is in the {prefix} namespace; Claude Platform on AWS actions are {facts.Namespace}:*{(right != null ? $"; use \"{right}\"" : string.Empty)}");
    }

    private static string? Rename(string value)
    {
        foreach (var r in Code.Facts.WrongNames.Actions)
        {
            if (string.Equals(r.Wrong, value, StringComparison.OrdinalIgnoreCase)) return Code.Facts.Qualified(r.Right);
        }
        return null;
    }

    private static void Report(SyntaxNodeAnalysisContext c, SyntaxToken token, string? replacement, string message)
    {
        var properties = Code.Fix(replacement);
        // In a list that already holds the right action, the fix removes this one instead of adding a duplicate.
        if (replacement != null && SiblingHolds((LiteralExpressionSyntax)c.Node, replacement))
        {
            properties = properties.Add(Code.RemoveElement, "true");
            message += " (the list already holds it: remove this one)";
        }
        c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5003_IamActionInCode, token.GetLocation(), properties, message));
    }

    /// <summary>Whether another string literal of the same array, collection or initializer equals <paramref name="value"/>.</summary>
    private static bool SiblingHolds(LiteralExpressionSyntax literal, string value)
    {
        System.Collections.Generic.IEnumerable<SyntaxNode>? siblings = literal.Parent switch
        {
            InitializerExpressionSyntax init => init.Expressions,
            ExpressionElementSyntax element when element.Parent is CollectionExpressionSyntax collection => System.Linq.Enumerable.Select(collection.Elements, e => (SyntaxNode)(e is ExpressionElementSyntax x ? x.Expression : e)),
            _ => null,
        };
        if (siblings == null) return false;
        foreach (var n in siblings)
        {
            if (n != literal && n is LiteralExpressionSyntax other && other.IsKind(SyntaxKind.StringLiteralExpression)
                && string.Equals(other.Token.ValueText, value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

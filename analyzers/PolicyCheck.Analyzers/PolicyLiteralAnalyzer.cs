using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyCheck.Engine;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Analyzers;

/// <summary>
/// IAM policy JSON in a C# string literal (recognised by "Statement"): linted with the same core rules as
/// `policycheck lint`, each finding at its exact position inside the literal.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class PolicyLiteralAnalyzer : PolicyCheckAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = Build();

    private static ImmutableDictionary<string, DiagnosticDescriptor> Build()
    {
        var b = ImmutableDictionary.CreateBuilder<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var d in new PolicyLiteralAnalyzer().SupportedDiagnostics) b[d.Id] = d;
        return b.ToImmutable();
    }

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var options = CodeOptions.Read(start.Options, start.CancellationToken);
        var all = LintEngine.CreateDefault(null);
        var grammarOnly = LintEngine.CreateDefault(null, d => d.Scope == RuleScope.Any);
        start.RegisterSyntaxNodeAction(c => Analyze(c, options, all, grammarOnly), SyntaxKind.StringLiteralExpression);
    }

    /// <summary>True when the text names an action under a namespace used by mistake ("bedrock:InvokeModel").</summary>
    private static bool NamesAWrongNamespace(string value)
    {
        foreach (var ns in Code.Facts.WrongNames.Namespaces)
        {
            if (value.IndexOf(ns + ":", StringComparison.OrdinalIgnoreCase) >= 0) return true;
        }
        return false;
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, CodeOptions options, LintEngine all, LintEngine grammarOnly)
    {
        var token = ((LiteralExpressionSyntax)c.Node).Token;
        string value = token.ValueText;
        if (value.IndexOf("\"Statement\"", StringComparison.Ordinal) < 0) return;
        if (value.TrimStart().Length == 0 || value.TrimStart()[0] != '{') return;
        string path = c.Node.SyntaxTree.FilePath;
        var doc = PolicyReader.Read(path, value);
        var role = new RoleGroup("literal");
        role.Documents.Add(doc);
        // The gateway rules only for policies about Claude Platform on AWS or trust policies; others get the grammar rules.
        bool gateway = doc.Kind == DocumentKind.Trust
            || value.IndexOf(Code.Facts.Namespace, StringComparison.OrdinalIgnoreCase) >= 0
            || NamesAWrongNamespace(value);
        var engine = gateway ? all : grammarOnly;
        var found = engine.Lint(new[] { role }, options.Config);
        if (found.Count == 0) return;
        var literal = LiteralText.From(token);
        var mask = new PolicyCheck.Secrets.SecretMask();
        foreach (var id in doc.ExternalIds()) mask.Add(id);
        if (options.Config.ExternalIdValue != null) mask.Add(options.Config.ExternalIdValue.Value);
        foreach (var d in found)
        {
            if (!ById.TryGetValue(d.RuleId, out var descriptor)) continue;
            string message = mask.Apply(d.Fix != null ? $"{d.Message} (fix: {d.Fix})" : d.Message);
            c.ReportDiagnostic(Diagnostic.Create(descriptor, literal.Location(d.Span.Start, Math.Max(1, d.Span.Length)), message));
        }
    }
}

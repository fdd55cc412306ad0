using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyCheck.Engine;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;
using PolicyCheck.Rules.Permissions;
using PolicyCheck.Rules.Trust;

namespace PolicyCheck.Analyzers;

/// <summary>PC5004: workspace ARNs with the wrong service or malformed parts; near misses of the expected Portkey principal.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArnAnalyzer : PolicyCheckAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PC5004_ArnInCode);

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var options = CodeOptions.Read(start.Options, start.CancellationToken);
        start.RegisterSyntaxNodeAction(c => Analyze(c, options), SyntaxKind.StringLiteralExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, CodeOptions options)
    {
        var token = ((LiteralExpressionSyntax)c.Node).Token;
        string value = token.ValueText;
        if (!value.StartsWith("arn:", StringComparison.Ordinal) || value.Length > 2048) return;
        var arn = Arn.TryParse(value);
        if (arn == null) return;
        var facts = Code.Facts;
        if (value.IndexOf(":workspace/", StringComparison.Ordinal) >= 0 || value.IndexOf("wrkspc_", StringComparison.Ordinal) >= 0
            || arn.Service == facts.Namespace)
        {
            CheckWorkspace(c, token, value);
            return;
        }
        if (arn.Service != "iam" || !(arn.Resource.StartsWith("role/", StringComparison.Ordinal) || arn.Resource == "root")) return;
        foreach (var expected in options.ExpectedPrincipals(c.Options, c.Node.SyntaxTree))
        {
            if (value == expected) return;
        }
        foreach (var expected in options.ExpectedPrincipals(c.Options, c.Node.SyntaxTree))
        {
            string? why = TrustStatements.NearMiss(value, expected);
            if (why == null) continue;
            Report(c, token, expected, $"\"{value}\" looks like a misspelling of the gateway's principal {expected}: {why}");
            return;
        }
    }

    private static void CheckWorkspace(SyntaxNodeAnalysisContext c, SyntaxToken token, string value)
    {
        string why = WorkspaceArns.Problem(Code.Facts, value, null, null, out string? fixedArn);
        if (why.Length > 0) Report(c, token, WorkspaceArns.OnlyTheServiceIsWrong(Code.Facts, value) ? fixedArn : null, why);
    }

    private static void Report(SyntaxNodeAnalysisContext c, SyntaxToken token, string? replacement, string message)
        => c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5004_ArnInCode, token.GetLocation(), Code.Fix(replacement), message));
}

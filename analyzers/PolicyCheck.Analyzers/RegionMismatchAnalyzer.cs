using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PolicyCheck.Engine;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace PolicyCheck.Analyzers;

/// <summary>PC5005: a constant signing region that differs from the endpoint's, or a host/ARN region other than the expected one.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegionMismatchAnalyzer : PolicyCheckAnalyzer
{
    private const string Host = "aws-external-anthropic.";
    private static readonly string[] Parameters = { "region", "signingRegion", "authenticationRegion", "regionName" };
    private static readonly string[] Properties = { "AuthenticationRegion", "SigningRegion" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PC5005_RegionMismatchInCode);

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var options = CodeOptions.Read(start.Options, start.CancellationToken);
        start.RegisterOperationAction(c =>
        {
            var arg = (IArgumentOperation)c.Operation;
            if (arg.Parameter != null && Code.In(arg.Parameter.Name, Parameters)) CheckSigning(c, arg.Value);
        }, OperationKind.Argument);
        start.RegisterOperationAction(c =>
        {
            var assign = (ISimpleAssignmentOperation)c.Operation;
            if (assign.Target is IPropertyReferenceOperation p && Code.In(p.Property.Name, Properties)) CheckSigning(c, assign.Value);
        }, OperationKind.SimpleAssignment);
        start.RegisterSyntaxNodeAction(c => CheckExpected(c, options), SyntaxKind.StringLiteralExpression);
    }

    /// <summary>The region of a Claude Platform host in a string, or null.</summary>
    public static string? HostRegion(string value, out int start)
    {
        start = value.IndexOf(Host, StringComparison.Ordinal);
        return start >= 0 ? Code.RegionAt(value, start + Host.Length) : null;
    }

    private static void CheckSigning(OperationAnalysisContext c, IOperation value)
    {
        if (!value.ConstantValue.HasValue || value.ConstantValue.Value is not string region || !Arn.IsRegionShape(region)) return;
        // The endpoint of the same member (method, constructor, property, field initializer).
        SyntaxNode member = (SyntaxNode?)value.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? value.Syntax.SyntaxTree.GetRoot();
        foreach (var token in member.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.StringLiteralToken)) continue;
            string? endpoint = HostRegion(token.ValueText, out _);
            if (endpoint == null || endpoint == region) continue;
            int line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5005_RegionMismatchInCode, value.Syntax.GetLocation(),
                Code.Fix(Code.IsLiteral(value.Syntax) ? endpoint : null),
                $"the signing region \"{region}\" differs from the endpoint's region \"{endpoint}\" (line {line}); AWS rejects the signature"));
            return;
        }
    }

    private static void CheckExpected(SyntaxNodeAnalysisContext c, CodeOptions options)
    {
        var token = ((LiteralExpressionSyntax)c.Node).Token;
        string value = token.ValueText;
        string? region = HostRegion(value, out int at);
        int regionStart = at + Host.Length;
        if (region == null && value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var arn = Arn.TryParse(value);
            if (arn != null && arn.Service == Code.Facts.Namespace && Arn.IsRegionShape(arn.Region))
            {
                region = arn.Region;
                regionStart = "arn:".Length + arn.Partition.Length + 1 + arn.Service.Length + 1;
            }
        }
        if (region == null) return;
        string? expected = options.ExpectedRegion(c.Options, c.Node.SyntaxTree);
        if (expected == null || expected == region) return;
        var literal = LiteralText.From(token);
        c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5005_RegionMismatchInCode, literal.Location(regionStart, region.Length),
            $"region \"{region}\" differs from the expected region \"{expected}\""));
    }
}

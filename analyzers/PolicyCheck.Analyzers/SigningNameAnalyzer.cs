using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PolicyCheck.Analyzers;

/// <summary>PC5001: a wrong SigV4 signing/service name where the code targets Claude Platform on AWS.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SigningNameAnalyzer : PolicyCheckAnalyzer
{
    private static readonly string[] Parameters = { "service", "serviceName", "signingName", "signingService", "signingServiceName", "authenticationServiceName" };
    private static readonly string[] Properties = { "AuthenticationServiceName", "SigningName", "SigningServiceName", "SigningService", "ServiceName" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PC5001_SigningNameInCode);

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var scope = new ClaudeScope();
        start.RegisterOperationAction(c =>
        {
            var arg = (IArgumentOperation)c.Operation;
            if (arg.Parameter != null && Code.In(arg.Parameter.Name, Parameters)) Check(c, arg.Value, scope);
        }, OperationKind.Argument);
        start.RegisterOperationAction(c =>
        {
            var assign = (ISimpleAssignmentOperation)c.Operation;
            string? name = assign.Target switch
            {
                IPropertyReferenceOperation p => p.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            if (name != null && Code.In(name, Properties)) Check(c, assign.Value, scope);
        }, OperationKind.SimpleAssignment);
    }

    /// <summary>The wrong names: the facts' list without "sts" (code that assumes the role signs STS calls legitimately).</summary>
    public static bool IsWrong(string value)
        => Code.Facts.WrongNames.IsWrongSigningName(value);

    private static void Check(OperationAnalysisContext c, IOperation value, ClaudeScope scope)
    {
        if (!value.ConstantValue.HasValue || value.ConstantValue.Value is not string s || !IsWrong(s)) return;
        if (!scope.Contains(value.Syntax)) return;
        string right = Code.Facts.SigningName;
        string message = $"\"{s}\" is not the SigV4 signing name of Claude Platform on AWS; use \"{right}\"";
        // A constant: flagged where it is used this way, fixed where it is declared (the literal, an additional location).
        if (Declaration(value) is { } literal)
        {
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5001_SigningNameInCode, value.Syntax.GetLocation(), new[] { literal },
                Code.Fix(right).Add(Code.AtDeclaration, "true"), message));
            return;
        }
        c.ReportDiagnostic(Diagnostic.Create(Descriptors.PC5001_SigningNameInCode, value.Syntax.GetLocation(),
            Code.Fix(Code.IsLiteral(value.Syntax) ? right : null), message));
    }

    /// <summary>The string literal a source constant (field or local) is initialised with, or null.</summary>
    private static Location? Declaration(IOperation value)
    {
        ISymbol? symbol = value switch
        {
            IFieldReferenceOperation f when f.Field.IsConst => f.Field,
            ILocalReferenceOperation l when l.Local.IsConst => l.Local,
            _ => null,
        };
        if (symbol == null || symbol.DeclaringSyntaxReferences.Length != 1) return null;
        var node = symbol.DeclaringSyntaxReferences[0].GetSyntax();
        if (node is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax v
            && v.Initializer?.Value is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax lit
            && lit.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralExpression))
            return lit.GetLocation();
        return null;
    }
}

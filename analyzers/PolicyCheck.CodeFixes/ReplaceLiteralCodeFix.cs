using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyCheck.CodeFixes;

/// <summary>
/// PC5001–PC5005: replaces a string literal with the value the analyzer was certain of (carried in the
/// diagnostic's "Replacement" property). Fix All is the batch fixer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceLiteralCodeFix)), Shared]
public sealed class ReplaceLiteralCodeFix : CodeFixProvider
{
    public const string Replacement = "Replacement";
    /// <summary>Replace exactly the diagnostic's span with this text (a part of an interpolated or concatenated string).</summary>
    public const string SpanReplacement = "SpanReplacement";
    public const string AtDeclaration = "AtDeclaration";
    public const string RemoveElement = "RemoveElement";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        PolicyCheck.Rules.RuleIds.SigningNameInCode, PolicyCheck.Rules.RuleIds.EndpointHostInCode, PolicyCheck.Rules.RuleIds.IamActionInCode,
        PolicyCheck.Rules.RuleIds.ArnInCode, PolicyCheck.Rules.RuleIds.RegionMismatchInCode);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(SpanReplacement, out var text) && text != null)
            {
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use \"{text}\"", async cancel =>
                    {
                        var source = await context.Document.GetTextAsync(cancel).ConfigureAwait(false);
                        return context.Document.WithText(source.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(span, text)));
                    }, equivalenceKey: "PolicyCheck.Replace." + diagnostic.Id),
                    diagnostic);
                continue;
            }
            if (!diagnostic.Properties.TryGetValue(Replacement, out var value) || value == null) continue;
            if (diagnostic.Properties.ContainsKey(AtDeclaration) && diagnostic.AdditionalLocations.Count > 0)
            {
                var at = diagnostic.AdditionalLocations[0];
                var declaring = at.SourceTree == null ? null : context.Document.Project.Solution.GetDocument(at.SourceTree);
                if (declaring == null) continue;
                string fixedValue = value;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use \"{value}\" in the constant's declaration", async cancel =>
                    {
                        var declRoot = await declaring.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
                        if (declRoot?.FindToken(at.SourceSpan.Start).Parent is not LiteralExpressionSyntax decl) return context.Document.Project.Solution;
                        return (await Replace(declaring, decl, fixedValue, cancel).ConfigureAwait(false)).Project.Solution;
                    }, equivalenceKey: "PolicyCheck.Replace." + diagnostic.Id),
                    diagnostic);
                continue;
            }
            var literal = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as LiteralExpressionSyntax;
            if (literal == null || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue;
            if (diagnostic.Properties.ContainsKey(RemoveElement))
            {
                SyntaxNode element = literal.Parent is ExpressionElementSyntax e ? e : literal;
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove it (the list already holds \"{value}\")", async cancel =>
                    {
                        var current = await context.Document.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
                        var removed = current?.RemoveNode(element, SyntaxRemoveOptions.KeepNoTrivia);
                        return removed == null ? context.Document : context.Document.WithSyntaxRoot(removed);
                    }, equivalenceKey: "PolicyCheck.Replace." + diagnostic.Id),
                    diagnostic);
                continue;
            }
            string title = $"Use \"{value}\"";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancel => Replace(context.Document, literal, value, cancel), equivalenceKey: "PolicyCheck.Replace." + diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, LiteralExpressionSyntax literal, string value, CancellationToken cancel)
    {
        var root = await document.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
        if (root == null) return document;
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}

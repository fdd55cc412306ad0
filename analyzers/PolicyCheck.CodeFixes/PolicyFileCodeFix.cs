using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PolicyCheck.Analyzers;

namespace PolicyCheck.CodeFixes;

/// <summary>
/// Findings in policy files (AdditionalFiles) that carry an edit: the same edit `lint --fix` makes — the one occurrence
/// of the old text inside the finding's span becomes the new text.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PolicyFileCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class PolicyFileCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = new PolicyFileAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToImmutableArray();

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        if (document is Document) return; // C# documents are ReplaceLiteralCodeFix's
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(PolicyFileAnalyzer.EditOld, out var old) || string.IsNullOrEmpty(old)) continue;
            if (!diagnostic.Properties.TryGetValue(PolicyFileAnalyzer.EditNew, out var replacement) || replacement == null) continue;
            var span = diagnostic.Location.SourceSpan;
            if (span.End > text.Length) continue;
            string inside = text.ToString(span);
            int at = inside.IndexOf(old, StringComparison.Ordinal);
            if (at < 0 || inside.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0) continue; // not there, or twice: not unambiguous
            var change = new TextChange(new TextSpan(span.Start + at, old!.Length), replacement);
            var id = document.Id;
            context.RegisterCodeFix(
                CodeAction.Create($"Replace {old} with {replacement}",
                    _ => Task.FromResult(document.Project.Solution.WithAdditionalDocumentText(id, text.WithChanges(change))),
                    equivalenceKey: "PolicyCheck.PolicyFile." + diagnostic.Id),
                diagnostic);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PolicyCheck.CodeFixes;
using Xunit;

namespace PolicyCheck.Analyzers.Tests;

/// <summary>The code fixes on policy files: the edits `lint --fix` makes, on the AdditionalFile.</summary>
public sealed class PolicyFileCodeFixTests
{
    /// <summary>
    /// The analyzer on the file as an AdditionalDocument of a workspace project, then the code fix through the
    /// additional-document CodeFixContext (as the IDE calls it), applied; markup {|ID:text|} marks what must be fixed.
    /// </summary>
    private static async Task Fix(string path, string before, string after)
    {
        var (text, marked) = Markup(before);
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("p", LanguageNames.CSharp);
        var document = workspace.AddDocument(project.Id, "C.cs", SourceText.From("class C { }"));
        var additionalId = DocumentId.CreateNewId(project.Id);
        workspace.TryApplyChanges(workspace.CurrentSolution.AddAdditionalDocument(additionalId, path, SourceText.From(text), filePath: path));
        var additional = workspace.CurrentSolution.GetAdditionalDocument(additionalId)!;
        var found = await PolicyFileAnalyzerTests.Run(new[] { (AdditionalText)new AdditionalTextOf(additional) });
        foreach (var (id, span) in marked)
            Assert.Contains(found, d => d.Id == id && d.Location.SourceSpan == span);
        var solution = workspace.CurrentSolution;
        var fixer = new PolicyFileCodeFix();
        foreach (var (id, span) in marked)
        {
            var doc = solution.GetAdditionalDocument(additional.Id)!;
            var current = await PolicyFileAnalyzerTests.Run(new[] { (AdditionalText)new AdditionalTextOf(doc) });
            var d = current.First(x => x.Id == id);
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(doc, d, (a, _) => actions.Add(a), CancellationToken.None));
            var action = Assert.Single(actions);
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            solution = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
        }
        var result = await solution.GetAdditionalDocument(additional.Id)!.GetTextAsync();
        Assert.Equal(after, result.ToString());
    }

    private sealed class AdditionalTextOf : AdditionalText
    {
        private readonly TextDocument _document;
        public AdditionalTextOf(TextDocument document) => _document = document;
        public override string Path => _document.FilePath ?? _document.Name;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _document.GetTextAsync(cancellationToken).Result;
    }

    /// <summary>{|ID:text|} markup: the text without it, and each ID with the span of its text.</summary>
    private static (string Text, List<(string Id, TextSpan Span)> Marked) Markup(string input)
    {
        var sb = new StringBuilder();
        var marked = new List<(string, TextSpan)>();
        int i = 0;
        while (i < input.Length)
        {
            if (input[i] == '{' && i + 1 < input.Length && input[i + 1] == '|')
            {
                int colon = input.IndexOf(':', i);
                string id = input.Substring(i + 2, colon - i - 2);
                int close = input.IndexOf("|}", colon, StringComparison.Ordinal);
                string inner = input.Substring(colon + 1, close - colon - 1);
                marked.Add((id, new TextSpan(sb.Length, inner.Length)));
                sb.Append(inner);
                i = close + 2;
                continue;
            }
            sb.Append(input[i++]);
        }
        return (sb.ToString(), marked);
    }

    [Fact]
    public Task TheBedrockAction_BecomesTheClaudePlatformOne() => Fix("/iam/portkey/permission.json",
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [{|PC2001:"bedrock:InvokeModel"|}, "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"}]}
        """,
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"], "Resource": "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc"}]}
        """);

    [Fact]
    public Task AStringLikeExternalId_BecomesStringEquals_InATemplate() => Fix("/infra/portkey-role.template.yaml",
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::299329113195:role/portkey-app }
                    Action: sts:AssumeRole
                    Condition:
                      {|PC3006:StringLike|}:
                        sts:ExternalId: 4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93
        """,
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::299329113195:role/portkey-app }
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        sts:ExternalId: 4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93
        """);
}

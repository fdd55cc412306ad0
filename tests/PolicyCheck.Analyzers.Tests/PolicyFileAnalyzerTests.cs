using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace PolicyCheck.Analyzers.Tests;

/// <summary>Policy files as AdditionalFiles: the same findings, positions and severities as `policycheck lint`.</summary>
public sealed class PolicyFileAnalyzerTests
{
    private sealed class FileText : AdditionalText
    {
        private readonly SourceText _text;
        public FileText(string path, string text) { Path = path; _text = SourceText.From(text); }
        public override string Path { get; }
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    public static string Repo
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "PolicyCheck.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>The analyzer's diagnostics on the given files; an analyzer exception fails the test (it would be AD0001).</summary>
    public static async Task<List<Diagnostic>> Run(IEnumerable<AdditionalText> files)
    {
        var compilation = CSharpCompilation.Create("t", new[] { CSharpSyntaxTree.ParseText("class C { }") }, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = new List<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(files.ToImmutableArray()), (e, a, d) => errors.Add(e.ToString()), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var with = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PolicyFileAnalyzer()), options);
        var found = await with.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(errors);
        Assert.DoesNotContain(found, d => d.Id == "AD0001");
        return found.ToList();
    }

    private static string Severity(DiagnosticSeverity s) => s switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" };

    [Fact]
    public async Task TheExamples_GiveWhatPolicycheckLintGives()
    {
        string repo = Repo;
        var paths = Directory.GetFiles(System.IO.Path.Combine(repo, "examples", "broken"), "*.json", SearchOption.AllDirectories)
            .Concat(new[] { System.IO.Path.Combine(repo, "examples", "terraform", "plan.json"), System.IO.Path.Combine(repo, "examples", "cloudformation", "portkey-role.yaml") })
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
        var found = await Run(paths.Select(p => new FileText(p, File.ReadAllText(p))));
        var ide = found.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{d.Id} {Severity(d.Severity)} {System.IO.Path.GetRelativePath(repo, span.Path).Replace('\\', '/')}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        }).OrderBy(x => x, StringComparer.Ordinal).ToList();

        string config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        string cli = System.IO.Path.Combine(repo, "src", "PolicyCheck.Cli", "bin", config, "net10.0", "policycheck.dll");
        Assert.True(File.Exists(cli), cli + " is built before this test (a ProjectReference without its assembly)");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "lint", "examples/broken", "examples/terraform/plan.json", "examples/cloudformation/portkey-role.yaml", "--format", "json" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string json = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 1, json + await stderr);
        using var doc = JsonDocument.Parse(json);
        var lint = doc.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d =>
            $"{d.GetProperty("ruleId").GetString()} {d.GetProperty("severity").GetString()} {d.GetProperty("path").GetString()}({d.GetProperty("line").GetInt32()},{d.GetProperty("column").GetInt32()})-({d.GetProperty("endLine").GetInt32()},{d.GetProperty("endColumn").GetInt32()})")
            .OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.True(lint.Count > 20, string.Join("\n", lint));
        Assert.Equal(string.Join("\n", lint), string.Join("\n", ide));
    }

    [Fact]
    public async Task APolicysRole_IsItsFolder_AndEachFindingIsOnItsOwnFile()
    {
        const string permission = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]}""";
        const string trust = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93"}}}]}""";
        var found = await Run(new AdditionalText[] { new FileText("/repo/iam/portkey/permission.json", permission), new FileText("/repo/iam/portkey/trust.json", trust), new FileText("/repo/package.json", """{"name": "x"}""") });
        var pc2001 = Assert.Single(found, d => d.Id == "PC2001");
        var span = pc2001.Location.GetLineSpan();
        Assert.Equal("/repo/iam/portkey/permission.json", span.Path);
        Assert.Equal(permission.IndexOf("\"bedrock:InvokeModel\"", StringComparison.Ordinal), span.StartLinePosition.Character);
        Assert.Equal(DiagnosticSeverity.Error, pc2001.Severity);
        // The edit lint --fix makes travels with the finding, for the code fix.
        Assert.Equal(("bedrock:InvokeModel", "aws-external-anthropic:CreateInference"), (pc2001.Properties[PolicyFileAnalyzer.EditOld], pc2001.Properties[PolicyFileAnalyzer.EditNew]));
        Assert.DoesNotContain(found, d => d.Location.GetLineSpan().Path == "/repo/package.json");
        // Nearest safe variant: the right action is quiet, and the trust beside it keeps PC3005 (external ID) quiet too.
        var right = await Run(new AdditionalText[] { new FileText("/repo/iam/portkey/permission.json", permission.Replace("\"bedrock:InvokeModel\"", "[\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"]").Replace("\"Resource\": \"*\"", "\"Resource\": \"arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01abc\"")), new FileText("/repo/iam/portkey/trust.json", trust) });
        Assert.DoesNotContain(right, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(right, d => d.Id is "PC2001" or "PC3005");
    }

    [Fact]
    public async Task AMalformedFile_IsPC1001AtThePosition_AndAHugeOne_OneNote()
    {
        string truncated = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", ";
        var found = await Run(new AdditionalText[] { new FileText("/repo/iam/a/permission.json", truncated) });
        var syntax = Assert.Single(found, d => d.Id == "PC1001");
        Assert.Equal(3, syntax.Location.GetLineSpan().StartLinePosition.Line);
        string huge = "{\"Version\": \"2012-10-17\", \"Statement\": [], \"Pad\": \"" + new string('x', 4 * 1024 * 1024) + "\"}";
        var big = await Run(new AdditionalText[] { new FileText("/repo/iam/b/permission.json", huge) });
        var note = Assert.Single(big);
        Assert.Equal(("PC1014", DiagnosticSeverity.Info), (note.Id, note.Severity));
        Assert.Contains("over 4 MiB", note.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Suppressions_InPolicycheckYml_Apply_AsInTheCli()
    {
        const string permission = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]}""";
        const string yml = "suppressions:\n  - rule: PC2001\n    path: iam/legacy/*.json\n    justification: migrating in Q1\n";
        var found = await Run(new AdditionalText[] { new FileText("/repo/policycheck.yml", yml), new FileText("/repo/iam/legacy/permission.json", permission), new FileText("/repo/iam/new/permission.json", permission) });
        var left = Assert.Single(found, d => d.Id == "PC2001");
        Assert.Equal("/repo/iam/new/permission.json", left.Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task TemplateMetadataSuppressions_Apply_AsInTheCli()
    {
        string template = File.ReadAllText(System.IO.Path.Combine(Repo, "examples", "cloudformation", "portkey-role.yaml"));
        var open = await Run(new AdditionalText[] { new FileText("/repo/infra/portkey-role.yaml", template) });
        Assert.Contains(open, d => d.Id == "PC2001");
        string suppressed = template.Replace("  PortkeyClaudeRole:\n    Type: AWS::IAM::Role\n", "  PortkeyClaudeRole:\n    Type: AWS::IAM::Role\n    Metadata:\n      policycheck:\n        suppress:\n          - rule: PC2001\n            justification: migrating in Q1\n");
        var found = await Run(new AdditionalText[] { new FileText("/repo/infra/portkey-role.yaml", suppressed) });
        Assert.DoesNotContain(found, d => d.Id == "PC2001");
        Assert.Contains(found, d => d.Id == "PC3006");
    }

    [Fact]
    public async Task NoExternalId_IsEverInAMessage()
    {
        const string inFile = "4c1e9a2b-7d3f-4e8a-9b6c-2f0d1a5e7c93", configured = "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23";
        string trust = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"" + inFile + "\"}}}]}";
        var found = await Run(new AdditionalText[] { new FileText("/repo/policycheck.yml", "gateway:\n  externalId:\n    value: " + configured + "\n"), new FileText("/repo/iam/p/trust.json", trust) });
        var mismatch = Assert.Single(found, d => d.Id == "PC3008");
        string message = mismatch.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("****", message);
        Assert.DoesNotContain(inFile, message);
        Assert.DoesNotContain(configured, string.Join("\n", found.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

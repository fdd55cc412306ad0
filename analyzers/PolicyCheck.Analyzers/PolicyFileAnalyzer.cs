using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Rules;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace PolicyCheck.Analyzers;

/// <summary>
/// IAM policy files, CloudFormation templates and Terraform plans given as AdditionalFiles (the package adds them by
/// the PolicyCheckPolicyFiles globs): read and linted exactly as `policycheck lint` reads and lints them, each finding
/// at its line and column in the file. Policies in one folder are one role, as in the CLI.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyFileAnalyzer : PolicyCheckAnalyzer
{
    /// <summary>The CLI's limit: a larger file is skipped with one note.</summary>
    public const long MaxFileChars = 4 * 1024 * 1024;

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = Build();

    private static ImmutableDictionary<string, DiagnosticDescriptor> Build()
    {
        var b = ImmutableDictionary.CreateBuilder<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var d in new PolicyLiteralAnalyzer().SupportedDiagnostics) b[d.Id] = d;
        return b.ToImmutable();
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => new PolicyLiteralAnalyzer().SupportedDiagnostics;

    private static readonly Lazy<AwsCatalog?> Catalog = new Lazy<AwsCatalog?>(LoadCatalog, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>rules/aws-catalog.json.gz, embedded in this assembly as in the CLI's.</summary>
    private static AwsCatalog? LoadCatalog()
    {
        using var stream = typeof(PolicyFileAnalyzer).Assembly.GetManifestResourceStream("PolicyCheck.rules.aws-catalog.json.gz");
        return stream == null ? null : AwsCatalog.Load(stream);
    }

    public static bool IsCandidate(string path)
    {
        if (string.Equals(Path.GetFileName(path), "policycheck.yml", StringComparison.OrdinalIgnoreCase)) return false;
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || RoleReader.IsYaml(path);
    }

    protected override void Start(CompilationStartAnalysisContext start)
    {
        var options = CodeOptions.Read(start.Options, start.CancellationToken);
        var engine = LintEngine.CreateDefault(() => Catalog.Value);
        var files = new List<AdditionalText>();
        foreach (var f in start.Options.AdditionalFiles) if (IsCandidate(f.Path)) files.Add(f);
        // A folder's policies are one role, read and linted once for all its files.
        var folders = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(LintReport Report, List<PolicyCheck.Engine.Diagnostic> Found)>>(StringComparer.Ordinal);
        start.RegisterAdditionalFileAction(c => Analyze(c, files, options, engine, folders));
    }

    private static void Analyze(AdditionalFileAnalysisContext c, List<AdditionalText> files, CodeOptions options, LintEngine engine,
        System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(LintReport Report, List<PolicyCheck.Engine.Diagnostic> Found)>> folders)
    {
        var file = c.AdditionalFile;
        if (!IsCandidate(file.Path)) return;
        var text = file.GetText(c.CancellationToken);
        if (text == null) return;
        if (text.Length > MaxFileChars)
        {
            Report(c, file.Path, text, ById[RuleIds.PolicySize], new SourceSpan(0, 0, 1, 1, 1, 1), DiagnosticSeverity.Info,
                $"the file is over 4 MiB, more than any IAM policy, template or plan PolicyCheck reads: it is not linted");
            return;
        }
        bool policy = !RoleReader.IsYaml(file.Path);
        string dir = Path.GetDirectoryName(file.Path) ?? string.Empty;
        // Templates and plans are read alone; a policy with the other policies of its folder (an ordinary policy
        // file's role), once for the folder and not cancelled by one file's cancellation. A JSON template or plan in a
        // policy folder is read with it, as the CLI reads a folder.
        var read = policy
            ? folders.GetOrAdd(dir, _ => new Lazy<(LintReport, List<PolicyCheck.Engine.Diagnostic>)>(() => Read(files, f => !RoleReader.IsYaml(f.Path) && string.Equals(Path.GetDirectoryName(f.Path), dir, StringComparison.Ordinal), options, engine, System.Threading.CancellationToken.None))).Value
            : Read(files, f => string.Equals(f.Path, file.Path, StringComparison.Ordinal), options, engine, c.CancellationToken);
        var (report, found) = read;
        // As the CLI prints nothing secret, neither does the IDE nor a build log: the external IDs read are masked.
        var mask = new PolicyCheck.Secrets.SecretMask();
        foreach (var secret in report.Secrets) mask.Add(secret);
        if (options.Config.ExternalIdValue != null) mask.Add(options.Config.ExternalIdValue.Value);
        foreach (var p in report.Problems)
        {
            if (!string.Equals(p.Path, file.Path, StringComparison.Ordinal)) continue;
            Report(c, file.Path, text, ById[RuleIds.JsonSyntax], p.Span, DiagnosticSeverity.Error, mask.Apply(p.Message));
        }
        foreach (var d in found)
        {
            if (d.IsSuppressed || !string.Equals(d.Path, file.Path, StringComparison.Ordinal)) continue;
            if (!ById.TryGetValue(d.RuleId, out var descriptor)) continue;
            string message = d.Label != null ? $"{d.Message} [{d.Label}]" : d.Message;
            if (d.Fix != null) message += $" (fix: {d.Fix})";
            // The edit lint --fix would make, for the code fix (not on generated files: CDK assemblies, plans).
            var properties = d.Edit != null && report.FixablePaths.Contains(d.Path)
                ? ImmutableDictionary<string, string?>.Empty.Add(EditOld, d.Edit.Old).Add(EditNew, d.Edit.New)
                : ImmutableDictionary<string, string?>.Empty;
            Report(c, file.Path, text, descriptor, d.Span, Severity(d.Severity), mask.Apply(message), properties);
        }
    }

    /// <summary>The one occurrence of this text inside the finding's span becomes <see cref="EditNew"/>.</summary>
    public const string EditOld = "EditOld";
    public const string EditNew = "EditNew";

    private static (LintReport, List<PolicyCheck.Engine.Diagnostic>) Read(List<AdditionalText> files, Func<AdditionalText, bool> which, CodeOptions options, LintEngine engine, System.Threading.CancellationToken cancel)
    {
        var report = new LintReport();
        var unknowns = new DeployTimeValues();
        var reader = new RoleReader(options.Config, CodeOptions.Facts, new Dictionary<string, string>(StringComparer.Ordinal), report, unknowns, new ManagedPolicies(CodeOptions.Facts));
        foreach (var f in files)
        {
            if (!which(f)) continue;
            var t = f.GetText(cancel);
            if (t == null || t.Length > MaxFileChars) continue;
            reader.Add(new PolicyFile(f.Path, false), Encoding.UTF8.GetBytes(t.ToString()));
        }
        reader.AddSecrets();
        var found = engine.Lint(reader.Roles, options.Config, null, options.SuppressionPath, unknowns);
        InlineSuppression.Apply(found, report.InlineSuppressions);
        return (report, found);
    }

    private static DiagnosticSeverity Severity(PolicyCheck.Facts.Severity s)
        => s == PolicyCheck.Facts.Severity.Error ? DiagnosticSeverity.Error : s == PolicyCheck.Facts.Severity.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;

    private static void Report(AdditionalFileAnalysisContext c, string path, SourceText text, DiagnosticDescriptor descriptor, SourceSpan span, DiagnosticSeverity severity, string message,
        ImmutableDictionary<string, string?>? properties = null)
    {
        int start = Math.Min(Math.Max(0, span.Start), text.Length);
        int end = Math.Min(text.Length, start + Math.Max(0, span.Length));
        var textSpan = TextSpan.FromBounds(start, end);
        var location = Location.Create(path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
        c.ReportDiagnostic(Diagnostic.Create(descriptor, location, severity, null, properties, message));
    }
}

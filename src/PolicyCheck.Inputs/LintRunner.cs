using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Inputs.CloudFormation;
using PolicyCheck.Inputs.Terraform;

namespace PolicyCheck.Inputs;

/// <summary>read → model → rules → diagnostics, for the paths of one `lint` run.</summary>
public static class LintRunner
{
    /// <summary>lint --context: each KEY=VALUE checked like gateway.context; the command line wins over the file.</summary>
    private static bool AddContext(List<string> args, GatewayConfig config, ServiceFacts facts, LintReport report)
    {
        if (args.Count == 0) return true;
        if (!Simulation.ContextArgs.TryParse(args, out var parsed, out string? error))
        {
            report.Problems.Add(Problem.Input("--context", error!));
            return false;
        }
        foreach (var kv in parsed.Entries)
        {
            string? why = GatewayRequests.CheckSetting(facts, config.Deployment, kv.Key, kv.Value.Values, out var type);
            if (why != null)
            {
                report.Problems.Add(Problem.Input("--context", $"\"{kv.Key}={string.Join(",", kv.Value.Values)}\": {why}"));
                return false;
            }
            config.Context.RemoveAll(c => string.Equals(c.Key, kv.Key, StringComparison.OrdinalIgnoreCase));
            config.Context.Add(new ContextSetting(kv.Key, kv.Value.Values, type, null, SourceSpan.FileStart));
        }
        return true;
    }

    public static LintReport Run(LintRequest request, ServiceFacts facts, RuleIndex catalog)
    {
        var read = Read(request, facts, catalog);
        var report = read.Report;
        if (read.Config == null) return report;
        var engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);
        string configDir = read.ConfigDir;
        Func<string, string> suppressionPath = p => Path.GetRelativePath(configDir, Path.GetFullPath(p)).Replace('\\', '/');
        var found = engine.Lint(read.Roles, read.Config, null, suppressionPath, read.Unknowns);
        InlineSuppression.Apply(found, report.InlineSuppressions);
        report.Diagnostics.AddRange(found);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var role in read.Roles)
        {
            var ids = engine.RulesFor(role, read.Config);
            if (index.TryGetValue(role.Name, out int at))
                report.Checked[at] = new RoleChecks(role.Name, report.Checked[at].File, report.Checked[at].RuleIds.Union(ids, StringComparer.Ordinal).ToList());
            else
            {
                index[role.Name] = report.Checked.Count;
                report.Checked.Add(new RoleChecks(role.Name, role.Documents.Count > 0 ? role.Documents[0].Path : null, ids));
            }
        }
        return report;
    }

    /// <summary>read → model: the config and the roles of a run's paths, before any rule runs (lint and diff share it).
    /// <see cref="LintInput.Config"/> is null when the config, settings, context or parameters stopped the run.</summary>
    public static LintInput Read(LintRequest request, ServiceFacts facts, RuleIndex catalog)
    {
        var report = new LintReport();
        var result = new LintInput(report);
        string? configPath = request.ConfigPath;
        if (configPath != null && !File.Exists(configPath))
        {
            report.Problems.Add(Problem.Input(configPath, "the configuration file does not exist"));
            return result;
        }
        if (request.SearchConfig) configPath ??= request.Paths.Count > 0 ? ConfigFile.Find(GlobBase(request.Paths[0])) : null;
        var config = new GatewayConfig();
        if (configPath != null)
        {
            report.ConfigPath = configPath;
            var bytes = PolicyFiles.ReadBytes(configPath, report.Problems);
            if (bytes == null) return result;
            var issues = new List<Problem>();
            string? text = SourceDecoder.Decode(bytes, issues);
            if (text == null)
            {
                foreach (var i in issues) report.Problems.Add(Problem.Config(configPath, i.Span, i.Message));
                return result;
            }
            config = ConfigReader.Load(configPath, text, facts, catalog, request.Environment, report.Problems, File.Exists);
            if (report.Problems.Count > 0) return result;
        }
        string? settings = request.SettingsPath ?? config.SettingsPath?.Value;
        if (settings != null)
        {
            SettingsLoader.Load(settings, config, facts, request.Environment, report.Problems);
            if (report.Problems.Count > 0) return result;
        }
        if (config.ExternalIdValue != null) report.Secrets.Add(config.ExternalIdValue.Value);
        report.ConfiguredBaseline = config.BaselinePath?.Value;
        report.HelpUriBase = config.HelpUriBase?.Value;
        if (!AddContext(request.Context, config, facts, report)) return result;

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ParametersPath != null)
        {
            var bytes = PolicyFiles.ReadBytes(request.ParametersPath, report.Problems);
            string? text = bytes == null ? null : SourceDecoder.Decode(bytes, new List<Problem>());
            if (bytes != null && text == null) report.Problems.Add(Problem.Input(request.ParametersPath, "the parameters file is not valid UTF-8 text"));
            var read = text == null ? null : TemplateParameters.Read(request.ParametersPath, text, report.Problems);
            if (read == null) return result;
            parameters = read;
        }

        string configDir = configPath != null ? Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? "." : Directory.GetCurrentDirectory();
        var files = request.Hook ? PolicyFiles.ForHook(request.Paths, report.Problems) : FollowManifests(PolicyFiles.Expand(request.Paths, report.Problems), report.Problems);
        var unknowns = new DeployTimeValues();
        var managed = new ManagedPolicies(facts);
        var reader = new RoleReader(config, facts, parameters, report, unknowns, managed) { Kind = request.Kind, Beside = CdkAssembly.Beside };
        var order = new List<RoleGroup>();
        // Files are read and parsed on every core; they join their roles in order, as one core would add them.
        var loaded = new (byte[]? Bytes, JsonInput? Parsed, List<Problem> Problems)[files.Count];
        System.Threading.Tasks.Parallel.For(0, files.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var problems = new List<Problem>();
            var bytes = request.Overrides.TryGetValue(files[i].Path, out var given) ? given : PolicyFiles.ReadBytes(files[i].Path, problems);
            loaded[i] = (bytes, bytes == null ? null : reader.Parse(files[i], bytes), problems);
        });
        for (int i = 0; i < files.Count; i++)
        {
            report.Problems.AddRange(loaded[i].Problems);
            if (loaded[i].Bytes is { } bytes) reader.Add(files[i], bytes, loaded[i].Parsed);
            loaded[i] = default;
        }
        reader.AddSecrets();
        order.AddRange(reader.Roles);
        result.Config = config;
        result.Roles = order;
        result.Unknowns = unknowns;
        result.ConfigDir = configDir;
        return result;
    }

    /// <summary>A CDK manifest.json named on the command line stands for the stack templates it lists.</summary>
    private static List<PolicyFile> FollowManifests(List<PolicyFile> files, List<Problem> errors)
    {
        var result = new List<PolicyFile>(files.Count);
        foreach (var f in files)
        {
            if (!f.ExplicitlyNamed || !string.Equals(Path.GetFileName(f.Path), "manifest.json", StringComparison.Ordinal) || CdkAssembly.Templates(f.Path) is not { } templates)
            {
                result.Add(f);
                continue;
            }
            if (templates.Count == 0) errors.Add(Problem.Input(f.Path, "the CDK manifest lists no stack template"));
            foreach (var t in templates)
            {
                if (File.Exists(t)) result.Add(new PolicyFile(t, true));
                else errors.Add(Problem.Input(f.Path, $"the CDK manifest names {t}, which does not exist (run cdk synth again?)"));
            }
        }
        return result;
    }

    private static readonly char[] Separators = { '/', '\\' };
    private static string GlobBase(string path)
    {
        int star = path.IndexOfAny(PolicyFiles.GlobChars);
        if (star < 0) return path;
        string head = path.Substring(0, star);
        int slash = head.LastIndexOfAny(Separators);
        return slash < 0 ? "." : head.Substring(0, slash + 1);
    }
}

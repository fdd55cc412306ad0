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

    /// <summary>
    /// Lints roles as they are read: each block of files is read and parsed on every core, the roles it finishes are
    /// linted on every core and let go, so memory holds one block's models and the findings, not the repository's.
    /// </summary>
    public static LintReport Run(LintRequest request, ServiceFacts facts, RuleIndex catalog)
    {
        var engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);
        var raw = new List<Diagnostic>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Lint(List<RoleGroup> roles, GatewayConfig config, LintReport into)
        {
            raw.AddRange(engine.LintRoles(roles, config));
            List<string>? forGateway = null, forOther = null; // the rules that ran depend only on the kind of role
            foreach (var role in roles)
            {
                var ids = role.IsGatewayRole ? forGateway ??= engine.RulesFor(role, config) : forOther ??= engine.RulesFor(role, config);
                if (index.TryGetValue(role.Name, out int at))
                    into.Checked[at] = new RoleChecks(role.Name, into.Checked[at].File, into.Checked[at].RuleIds.Union(ids, StringComparer.Ordinal).ToList());
                else
                {
                    index[role.Name] = into.Checked.Count;
                    into.Checked.Add(new RoleChecks(role.Name, role.Documents.Count > 0 ? role.Documents[0].Path : null, ids));
                }
            }
        }
        var read = Read(request, facts, catalog, Lint);
        if (read.Config == null) return read.Report;
        string configDir = read.ConfigDir;
        Func<string, string> suppressionPath = p => Path.GetRelativePath(configDir, Path.GetFullPath(p)).Replace('\\', '/');
        var found = engine.Conclude(raw, read.Config, null, suppressionPath, read.Unknowns);
        InlineSuppression.Apply(found, read.Report.InlineSuppressions);
        read.Report.Diagnostics.AddRange(found);
        return read.Report;
    }

    /// <summary>Files read and parsed together, then handed on: enough to keep every core busy, few enough to keep memory low.</summary>
    private static readonly int Block = Math.Max(64, 32 * Environment.ProcessorCount);

    /// <summary>read → model: the config and the roles of a run's paths, before any rule runs (lint and diff share it).
    /// <see cref="LintInput.Config"/> is null when the config, settings, context or parameters stopped the run.</summary>
    public static LintInput Read(LintRequest request, ServiceFacts facts, RuleIndex catalog) => Read(request, facts, catalog, null);

    /// <param name="finished">When given, gets the roles as they are finished (in order) and <see cref="LintInput.Roles"/> stays empty.</param>
    private static LintInput Read(LintRequest request, ServiceFacts facts, RuleIndex catalog, Action<List<RoleGroup>, GatewayConfig, LintReport>? finished)
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
        // The index of each folder's last file: its role is finished once that file is read.
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        string cwd = Directory.GetCurrentDirectory();
        if (finished != null) for (int i = 0; i < files.Count; i++) last[RoleReader.FolderOf(files[i].Path, cwd)] = i;
        // Files are read and parsed on every core; they join their roles in order, as one core would add them.
        var loaded = new (byte[]? Bytes, JsonInput? Parsed, List<Problem> Problems)[Math.Min(files.Count, finished != null ? Block : files.Count)];
        for (int start = 0; start < files.Count; start += loaded.Length)
        {
            int count = Math.Min(loaded.Length, files.Count - start);
            System.Threading.Tasks.Parallel.For(0, count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
            {
                var file = files[start + j];
                var problems = new List<Problem>();
                var bytes = request.Overrides.TryGetValue(file.Path, out var given) ? given : PolicyFiles.ReadBytes(file.Path, problems, file.Regular);
                loaded[j] = (bytes, bytes == null ? null : reader.Parse(file, bytes), problems);
            });
            for (int j = 0; j < count; j++)
            {
                report.Problems.AddRange(loaded[j].Problems);
                if (loaded[j].Bytes is { } bytes) reader.Add(files[start + j], bytes, loaded[j].Parsed);
                loaded[j] = default;
            }
            if (finished != null)
            {
                int done = start + count - 1;
                var roles = reader.TakeFinished(folder => !last.TryGetValue(folder, out int at) || at <= done);
                if (roles.Count > 0) finished(roles, config, report);
            }
        }
        if (finished != null)
        {
            var rest = reader.TakeFinished(_ => true);
            if (rest.Count > 0) finished(rest, config, report);
        }
        else
        {
            reader.AddSecrets();
            order.AddRange(reader.Roles);
        }
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

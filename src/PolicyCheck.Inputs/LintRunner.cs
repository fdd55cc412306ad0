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
    /// Lints roles as they are read: files are read and parsed on every core, the roles they finish are linted on every
    /// core and let go, so memory holds a few units' models and the findings, not the repository's.
    /// </summary>
    public static LintReport Run(LintRequest request, ServiceFacts facts, RuleIndex catalog)
    {
        var engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);
        var raw = new List<Diagnostic>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rolesLinted = new Finished(
            (roles, config) => engine.LintRoles(roles, config, parallel: false),
            (roles, found, config, into) =>
            {
                raw.AddRange(found);
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
            });
        var read = Read(request, facts, catalog, rolesLinted);
        if (read.Config == null) return read.Report;
        string configDir = read.ConfigDir;
        Func<string, string> suppressionPath = p => Path.GetRelativePath(configDir, Path.GetFullPath(p)).Replace('\\', '/');
        var found = engine.Conclude(raw, read.Config, null, suppressionPath, read.Unknowns);
        InlineSuppression.Apply(found, read.Report.InlineSuppressions);
        read.Report.Diagnostics.AddRange(found);
        return read.Report;
    }

    /// <summary>What becomes of finished roles: <c>Lint</c> on any core, then <c>Collect</c> in the roles' order, on one core at a time.</summary>
    private sealed class Finished
    {
        public Finished(Func<List<RoleGroup>, GatewayConfig, List<Diagnostic>> lint, Action<List<RoleGroup>, List<Diagnostic>, GatewayConfig, LintReport> collect)
        {
            Lint = lint;
            Collect = collect;
        }

        public Func<List<RoleGroup>, GatewayConfig, List<Diagnostic>> Lint { get; }
        public Action<List<RoleGroup>, List<Diagnostic>, GatewayConfig, LintReport> Collect { get; }
    }

    /// <summary>The files of one unit of the run, then the roles they finish and what linting those found.</summary>
    private sealed class Unit
    {
        public Unit(int start, int count)
        {
            Start = start;
            Loaded = new (byte[]? Bytes, JsonInput? Parsed, List<Problem> Problems)[count];
        }

        public int Start { get; }
        public (byte[]? Bytes, JsonInput? Parsed, List<Problem> Problems)[] Loaded { get; }
        public List<RoleGroup> Roles { get; set; } = new List<RoleGroup>();
        public List<Diagnostic> Found { get; set; } = new List<Diagnostic>();
    }

    /// <summary>Files a unit reads and parses: enough to outweigh handing it on, few enough to keep every core busy.</summary>
    private const int UnitFiles = 16;

    /// <summary>Units between read and linted at most: a few per core.</summary>
    private static int Ahead => 4 * Workers;

    private static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 64);

    /// <summary>read → model: the config and the roles of a run's paths, before any rule runs (lint and diff share it).
    /// <see cref="LintInput.Config"/> is null when the config, settings, context or parameters stopped the run.</summary>
    public static LintInput Read(LintRequest request, ServiceFacts facts, RuleIndex catalog) => Read(request, facts, catalog, null);

    /// <param name="finished">When given, gets the roles as they are finished (in order) and <see cref="LintInput.Roles"/> stays empty.</param>
    private static LintInput Read(LintRequest request, ServiceFacts facts, RuleIndex catalog, Finished? finished)
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
        if (finished != null) for (int i = 0; i < files.Count; i++) last[files[i].FolderIn(cwd)] = i;
        // Files are read and parsed on every core; they join their roles in order, as one core would add them.
        var work = new OrderedWork<Unit>((files.Count + UnitFiles - 1) / UnitFiles, Ahead,
            unit =>
            {
                var u = new Unit(unit * UnitFiles, Math.Min(UnitFiles, files.Count - unit * UnitFiles));
                for (int j = 0; j < u.Loaded.Length; j++)
                {
                    var file = files[u.Start + j];
                    var problems = new List<Problem>();
                    var bytes = request.Overrides.TryGetValue(file.Path, out var given) ? given : PolicyFiles.ReadBytes(file.Path, problems, file.Regular);
                    u.Loaded[j] = (bytes, bytes == null ? null : reader.Parse(file, bytes), problems);
                }
                return u;
            },
            u =>
            {
                for (int j = 0; j < u.Loaded.Length; j++)
                {
                    report.Problems.AddRange(u.Loaded[j].Problems);
                    if (u.Loaded[j].Bytes is { } bytes) reader.Add(files[u.Start + j], bytes, u.Loaded[j].Parsed);
                    u.Loaded[j] = default;
                }
                if (finished == null) return;
                int done = u.Start + u.Loaded.Length - 1;
                u.Roles = done == files.Count - 1 ? reader.TakeFinished(_ => true) : reader.TakeFinished(folder => !last.TryGetValue(folder, out int at) || at <= done);
            },
            u =>
            {
                if (finished != null && u.Roles.Count > 0) u.Found = finished.Lint(u.Roles, config);
            },
            u =>
            {
                if (finished != null && u.Roles.Count > 0) finished.Collect(u.Roles, u.Found, config, report);
            });
        work.Run(Workers);
        if (finished == null)
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

using System;
using System.Collections.Generic;
using System.IO;
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
        report.Diagnostics.AddRange(engine.Lint(read.Roles, read.Config, null, suppressionPath, read.Unknowns));
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
        var files = FollowManifests(PolicyFiles.Expand(request.Paths, report.Problems), report.Problems);
        var unknowns = new DeployTimeValues();
        var managed = new ManagedPolicies(facts);
        var roles = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        var order = new List<RoleGroup>();
        foreach (var file in files)
        {
            var bytes = request.Overrides.TryGetValue(file.Path, out var given) ? given : PolicyFiles.ReadBytes(file.Path, report.Problems);
            if (bytes == null) continue;
            if (PolicyFiles.IsYaml(file.Path))
            {
                var templateRoles = ReadYamlTemplate(file, bytes, parameters, config, facts, managed, report, unknowns);
                if (templateRoles != null) order.AddRange(templateRoles);
                continue;
            }
            report.FilesRead++;
            var input = InputReader.ReadJson(file.Path, bytes, request.Kind, TemplateDepth);
            var doc = input.Policy;
            if (input.Format == InputFormat.Template)
            {
                var strict = doc.ParseIssues.Find(i => i.Kind != ProblemKind.EncodingNote);
                if (strict != null)
                {
                    string why = strict.Kind == ProblemKind.DuplicateKey ? strict.Message.Split(';')[0] + "; CloudFormation rejects the template" : strict.Message;
                    report.Problems.Add(Problem.Input(file.Path, "not a valid CloudFormation template: " + why, strict.Span));
                    continue;
                }
                order.AddRange(ReadTemplate(file.Path, input.Text, (SourceObject)doc.Root!, parameters, config, facts, managed, report, unknowns));
                continue;
            }
            if (input.Format == InputFormat.Plan)
            {
                var planRoles = TerraformPlan.Read(file.Path, input.Text, (SourceObject)doc.Root!, config, facts, managed, report.Problems);
                report.Generated[file.Path] = "a Terraform plan, which `terraform plan` writes";
                foreach (var r in planRoles)
                {
                    report.PoliciesChecked += r.Documents.Count;
                    order.Add(r);
                }
                continue;
            }
            if (!file.ExplicitlyNamed && doc.IsParsed && !PolicyReader.LooksLikePolicy(doc.Root))
            {
                report.FilesSkipped++;
                continue;
            }
            report.PoliciesChecked++;
            report.FixablePaths.Add(file.Path);
            string dir = Path.GetDirectoryName(Path.GetFullPath(file.Path)) ?? ".";
            if (!roles.TryGetValue(dir, out var role))
            {
                role = new RoleGroup(dir);
                foreach (var m in config.ManagedPolicies)
                {
                    var fact = facts.FindManagedPolicy(m.Value)!;
                    role.ManagedPolicies.Add(new AttachedManagedPolicy(fact, managed.Document(m.Value)!, m));
                }
                roles[dir] = role;
                order.Add(role);
            }
            role.Documents.Add(doc);
        }

        foreach (var role in order)
        {
            foreach (var doc in role.Documents) report.Secrets.AddRange(doc.ExternalIds());
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
    /// <summary>Templates nest deeper than policies: a template gets the resolver's own limit and message.</summary>
    private const int TemplateDepth = 1024;

    private static List<RoleGroup>? ReadYamlTemplate(PolicyFile file, byte[] bytes, Dictionary<string, string> parameters, GatewayConfig config,
        ServiceFacts facts, ManagedPolicies managed, LintReport report, DeployTimeValues unknowns)
    {
        var issues = new List<Problem>();
        string? text = SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            if (file.ExplicitlyNamed) report.Problems.Add(Problem.Input(file.Path, issues.Count > 0 ? issues[0].Message : "not valid UTF-8 text", issues.Count > 0 ? issues[0].Span : (SourceSpan?)null));
            else report.FilesSkipped++;
            return null;
        }
        if (!file.ExplicitlyNamed && !CloudFormationTemplate.LooksLikeYamlTemplate(text))
        {
            report.FilesSkipped++;
            return null;
        }
        report.FilesRead++;
        var root = TemplateYaml.Load(text, out var failure);
        if (failure != null)
        {
            report.Problems.Add(Problem.Input(file.Path, failure.Message, failure.Span));
            return null;
        }
        if (!CloudFormationTemplate.Looks(root))
        {
            if (file.ExplicitlyNamed) report.Problems.Add(Problem.Input(file.Path, "a YAML file is read as a CloudFormation template, and this one has no Resources with a Type"));
            else report.FilesSkipped++;
            return null;
        }
        return ReadTemplate(file.Path, text, (SourceObject)root!, parameters, config, facts, managed, report, unknowns);
    }

    private static List<RoleGroup> ReadTemplate(string path, string text, SourceObject root, Dictionary<string, string> parameters, GatewayConfig config,
        ServiceFacts facts, ManagedPolicies managed, LintReport report, DeployTimeValues unknowns)
    {
        var given = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        var cdk = CdkAssembly.Beside(path);
        string templateFile = Path.GetFileName(path);
        if (cdk != null)
        {
            var (account, region) = cdk.Environment(templateFile);
            if (account != null && !given.ContainsKey("AWS::AccountId")) given["AWS::AccountId"] = account;
            if (region != null && !given.ContainsKey("AWS::Region")) given["AWS::Region"] = region;
        }
        string? ConstructPath(string logicalId, SourceObject resource) => CloudFormationTemplate.CdkPath(resource) ?? cdk?.ConstructPath(templateFile, logicalId);
        var read = CloudFormationTemplate.Read(path, text, root, given, config, facts, managed, report.Problems, ConstructPath);
        report.PoliciesChecked += read.Policies;
        if (cdk == null) report.FixablePaths.Add(path);
        else report.Generated[path] = "a template in a CDK assembly, which the next `cdk synth` overwrites";
        report.Secrets.AddRange(read.Secrets);
        if (read.UnknownSpans.Count > 0)
        {
            // The same template with "*" for every unknown value: a finding that goes away there depends on the unknowns.
            var optimisticRead = CloudFormationTemplate.Read(path, text, root, given, config, facts, managed, new List<Problem>(), ConstructPath, optimistic: true);
            foreach (var r in optimisticRead.Roles) r.Unresolved.Clear();
            unknowns.Optimistic.AddRange(optimisticRead.Roles);
            if (!unknowns.Spans.TryGetValue(path, out var list)) unknowns.Spans[path] = list = new List<SourceSpan>();
            list.AddRange(read.UnknownSpans);
        }
        return read.Roles;
    }

    private static string GlobBase(string path)
    {
        int star = path.IndexOfAny(PolicyFiles.GlobChars);
        if (star < 0) return path;
        string head = path.Substring(0, star);
        int slash = head.LastIndexOfAny(Separators);
        return slash < 0 ? "." : head.Substring(0, slash + 1);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Rules;
using PolicyCheck.Inputs.Terraform;

namespace PolicyCheck.Inputs;

public sealed class LintRequest
{
    public List<string> Paths { get; } = new List<string>();
    public string? ConfigPath { get; set; }
    /// <summary>A Portkey integration settings file (--settings), applied as the gateway section.</summary>
    public string? SettingsPath { get; set; }
    public DocumentKind? Kind { get; set; }
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
}

public sealed class LintReport
{
    public List<Diagnostic> Diagnostics { get; } = new List<Diagnostic>();
    public List<InputError> InputErrors { get; } = new List<InputError>();
    public List<ConfigError> ConfigErrors { get; } = new List<ConfigError>();
    public string? ConfigPath { get; set; }
    public int FilesRead { get; set; }
    public int PoliciesChecked { get; set; }
    public int FilesSkipped { get; set; }
    /// <summary>Values from the config that must never be printed (the external ID).</summary>
    public List<string> Secrets { get; } = new List<string>();
}

/// <summary>read → model → rules → diagnostics, for the paths of one `lint` run.</summary>
public static class LintRunner
{
    public static LintReport Run(LintRequest request, ServiceFacts facts, RuleCatalog catalog)
    {
        var report = new LintReport();
        string? configPath = request.ConfigPath;
        if (configPath != null && !File.Exists(configPath))
        {
            report.InputErrors.Add(new InputError(configPath, "the configuration file does not exist"));
            return report;
        }
        configPath ??= request.Paths.Count > 0 ? ConfigLoader.Find(GlobBase(request.Paths[0])) : null;
        var config = new GatewayConfig();
        if (configPath != null)
        {
            report.ConfigPath = configPath;
            var bytes = PolicyFiles.ReadBytes(configPath, report.InputErrors);
            if (bytes == null) return report;
            var issues = new List<JsonIssue>();
            string? text = SourceDecoder.Decode(bytes, issues);
            if (text == null)
            {
                foreach (var i in issues) report.ConfigErrors.Add(new ConfigError(configPath, i.Span, i.Message));
                return report;
            }
            config = ConfigLoader.Load(configPath, text, facts, catalog, request.Environment, report.ConfigErrors);
            if (report.ConfigErrors.Count > 0) return report;
        }
        string? settings = request.SettingsPath ?? config.SettingsPath?.Value;
        if (settings != null)
        {
            SettingsLoader.Load(settings, config, facts, request.Environment, report.ConfigErrors, report.InputErrors);
            if (report.ConfigErrors.Count > 0 || report.InputErrors.Count > 0) return report;
        }
        if (config.ExternalIdValue != null) report.Secrets.Add(config.ExternalIdValue.Value);

        var files = PolicyFiles.Expand(request.Paths, report.InputErrors);
        var managed = new ManagedPolicies(facts);
        var roles = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        var order = new List<RoleGroup>();
        foreach (var file in files)
        {
            var bytes = PolicyFiles.ReadBytes(file.Path, report.InputErrors);
            if (bytes == null) continue;
            report.FilesRead++;
            var doc = PolicyReader.Read(file.Path, bytes, request.Kind);
            if (doc.IsParsed && TerraformPlan.Looks(doc.Root))
            {
                string? planText = SourceDecoder.Decode(bytes, new List<JsonIssue>());
                var planRoles = TerraformPlan.Read(file.Path, planText ?? string.Empty, (JsonObject)doc.Root!, config, facts, managed, report.InputErrors);
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

        var engine = new LintEngine(facts, catalog, AllRules.Create()) { CatalogSource = EmbeddedCatalog.Load };
        string configDir = configPath != null ? Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? "." : Directory.GetCurrentDirectory();
        report.Diagnostics.AddRange(engine.Lint(order, config, null, p => Path.GetRelativePath(configDir, Path.GetFullPath(p)).Replace('\\', '/')));
        return report;
    }

    private static string GlobBase(string path)
    {
        int star = path.IndexOfAny(new[] { '*', '?' });
        if (star < 0) return path;
        string head = path.Substring(0, star);
        int slash = head.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? "." : head.Substring(0, slash + 1);
    }
}

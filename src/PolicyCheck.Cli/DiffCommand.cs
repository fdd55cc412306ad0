using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using PolicyCheck.Cli.Output;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.Diff;
using PolicyCheck.Rules;
using PolicyCheck.Secrets;

namespace PolicyCheck.Cli;

/// <summary>`policycheck diff BASE HEAD`: what a change does to who can do what, proven offline (the pull-request gate).</summary>
internal static class DiffCommand
{
    /// <summary>The kinds --fail-on names, and the rules of each.</summary>
    private static readonly Dictionary<string, string[]> Kinds = new(StringComparer.Ordinal)
    {
        ["broken"] = new[] { RuleIds.GatewayRequestBroken, RuleIds.MayBreak },
        ["new-access"] = new[] { RuleIds.NewAccess, RuleIds.MayGrant },
        ["any"] = new[] { RuleIds.GatewayRequestBroken, RuleIds.MayBreak, RuleIds.NewAccess, RuleIds.MayGrant, RuleIds.AccessRemoved, RuleIds.RoleAdded, RuleIds.RoleRemoved },
    };

    public const string DefaultFailOn = "broken,new-access";

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretMask mask, bool terminal = false)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "BASE and HEAD: two files or folders (policies, templates, cdk.out, Terraform plans). With --git REF: the paths of the working tree, compared with themselves at REF.",
            Arity = ArgumentArity.OneOrMore,
        };
        var git = new Option<string?>("--git") { Description = "Compare the working tree's paths with the same paths at this git ref (a branch, tag or commit), read with the git command." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json, sarif or github.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "What makes the exit code 1: broken (the gateway's requests), new-access, any (any change), or a comma list. Default: broken,new-access.",
            DefaultValueFactory = _ => DefaultFailOn,
        };
        var config = new Option<string?>("--config", "-c") { Description = "policycheck.yml for both sides. Default: the nearest one beside HEAD or above." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically)." };
        var settings = new Option<string?>("--settings") { Description = "Portkey integration settings, used as the gateway section." };
        var parameters = new Option<string?>("--parameters") { Description = "Values for CloudFormation template parameters, for both sides." };
        var context = new Option<string[]>("--context") { Description = "A value for a key unknown offline (aws:SourceIp=203.0.113.10): settles the may-findings that depend on it." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show both sides' evaluation of each finding's request." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Findings only: no summary line." };
        var noColor = new Option<bool>("--no-color") { Description = "No colour in the output (also NO_COLOR=1). Colour is used only when standard output is a terminal." };
        var diff = new Command("diff", "What a change does to who can do what, decided offline by evaluation: broken gateway requests, new access, removed access. Exit 0: nothing --fail-on names; 1: something it names; 2: usage error or a side that could not be read in full.")
        {
            paths, git, format, failOn, config, output, settings, parameters, context, verbose, quiet, noColor,
        };
        diff.SetAction(parse =>
        {
            var given = parse.GetValue(paths) ?? Array.Empty<string>();
            string? gitRef = parse.GetValue(git);
            string fail = parse.GetValue(failOn) ?? DefaultFailOn;
            var failing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in fail.Split(','))
            {
                string k = part.Trim();
                if (!Kinds.TryGetValue(k, out var ids))
                {
                    stderr.WriteLine($"policycheck: error: --fail-on takes broken, new-access or any (or a comma list), not '{k}'");
                    return Program.ExitUsage;
                }
                failing.UnionWith(ids);
            }
            foreach (var p in given)
            {
                if (p.Length > 1 && p[0] == '-' && !File.Exists(p) && !Directory.Exists(p))
                {
                    stderr.WriteLine($"policycheck: error: diff has no option '{p.Split('=')[0]}' (run `policycheck diff --help`)");
                    return Program.ExitUsage;
                }
            }
            var request = new DiffRequest
            {
                GitRef = gitRef,
                ConfigPath = parse.GetValue(config),
                SettingsPath = parse.GetValue(settings),
                ParametersPath = parse.GetValue(parameters),
                Environment = environment,
                Git = environment("POLICYCHECK_GIT") ?? "git",
            };
            request.Context.AddRange(parse.GetValue(context) ?? Array.Empty<string>());
            if (gitRef != null) request.HeadPaths.AddRange(given);
            else if (given.Length != 2)
            {
                stderr.WriteLine($"policycheck: error: diff takes two paths, BASE and HEAD (or --git REF and the paths), not {given.Length}");
                return Program.ExitUsage;
            }
            else
            {
                request.BasePaths.Add(given[0]);
                request.HeadPaths.Add(given[1]);
            }
            bool color = Formatters.UseColor(parse.GetValue(noColor), parse.GetValue(output), terminal, environment);
            return Run(request, parse.GetValue(format) ?? "text", failing, parse.GetValue(output), parse.GetValue(verbose), parse.GetValue(quiet), color, stdout, stderr, mask);
        });
        return diff;
    }

    private static int Run(DiffRequest request, string format, HashSet<string> failing, string? outputPath, bool verbose, bool quiet, bool color,
        TextWriter stdout, TextWriter stderr, SecretMask mask)
    {
        var catalog = BuiltIn.Catalog;
        if (outputPath != null && RefuseOutput(outputPath, request) is { } why)
        {
            stderr.WriteLine($"policycheck: error: --output {outputPath}: {why}");
            return Program.ExitUsage;
        }
        var result = DiffRunner.Run(request, BuiltIn.Service, catalog, EmbeddedCatalog.Load());
        var report = result.Report;
        foreach (var s in report.Secrets) mask.Add(s);
        var formatter = Formatters.For(format, verbose, color);
        if (!Formatters.WriteReport(formatter, report, report.Links(catalog), outputPath, stdout, stderr, mask)) return Program.ExitUsage;
        if (format != "text") foreach (var e in report.Problems) stderr.WriteLine(Formatters.Problem(e));
        if (report.ConfigInvalid)
        {
            stderr.WriteLine("policycheck: the configuration is invalid; nothing was compared");
            return Program.ExitUsage;
        }
        if (result.BasePolicies == 0 && result.HeadPolicies == 0 && report.Problems.Count == 0)
        {
            stderr.WriteLine("policycheck: error: no policy found on either side");
            return Program.ExitUsage;
        }
        int broken = 0, added = 0, may = 0, removed = 0, fail = 0;
        foreach (var d in report.Diagnostics)
        {
            if (d.RuleId == RuleIds.GatewayRequestBroken) broken++;
            else if (d.RuleId == RuleIds.NewAccess) added++;
            else if (d.RuleId == RuleIds.MayBreak || d.RuleId == RuleIds.MayGrant) may++;
            else if (d.RuleId == RuleIds.AccessRemoved) removed++;
            bool counts = failing.Contains(d.RuleId) && !(d.RuleId == RuleIds.GatewayRequestBroken && d.Severity != Severity.Error && !failing.Contains(RuleIds.AccessRemoved));
            if (counts && !d.IsSuppressed) fail++;
        }
        if (!quiet)
        {
            string incomplete = result.Incomplete ? "; incomplete: a file could not be read (exit 2)" : string.Empty;
            stderr.WriteLine($"policycheck diff: {broken} broken, {added} new access, {may} may change, {removed} removed; {result.RolesChanged} changed, {result.RolesAdded} added, {result.RolesRemoved} removed of {result.RolesCompared} role(s){incomplete}");
        }
        if (result.Incomplete) return Program.ExitUsage;
        return fail > 0 ? Program.ExitFindings : Program.ExitClean;
    }

    /// <summary>Why the report must not go there: a folder, or a file inside what this run reads (it would be replaced).</summary>
    private static string? RefuseOutput(string outputPath, DiffRequest request)
    {
        string full = Path.GetFullPath(outputPath);
        if (Directory.Exists(full)) return "it is a folder; give a file name for the report";
        if (!File.Exists(full)) return null;
        foreach (var p in new List<string?>(request.BasePaths) { request.ConfigPath, request.SettingsPath, request.ParametersPath }.Concat(request.HeadPaths))
        {
            if (p == null) continue;
            string input = Path.GetFullPath(p);
            if (full == input || full.StartsWith(input.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return "this run reads that file; writing the report there would replace it";
        }
        return null;
    }
}

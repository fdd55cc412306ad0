using System;
using System.CommandLine;
using System.IO;
using PolicyCheck.Cli.Output;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Model;
using PolicyCheck.Secrets;

namespace PolicyCheck.Cli;

/// <summary>`policycheck lint`: its options (a contract scripts depend on) and the run: read → rules → report or fix.</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretMask mask, bool terminal = false)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Policy files, CloudFormation templates (YAML/JSON, cdk.out), Terraform plan JSON, folders (walked recursively for *.json, *.yaml, *.yml, *.template) or globs such as 'policies/**/*.json'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (MSBuild style), json, sarif (2.1.0), github (workflow annotations) or junit (JUnit XML: a test suite per role, a test case per rule).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github", "junit");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity that makes the exit code 1: error, warning or note.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "note");
        var config = new Option<string?>("--config", "-c")
        {
            Description = "policycheck.yml to use. Default: the nearest policycheck.yml in the linted path's folder or above.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file (atomically) instead of standard output.",
        };
        var kind = new Option<string>("--kind")
        {
            Description = "Treat every policy as this kind instead of detecting it: auto, permission or trust.",
            DefaultValueFactory = _ => "auto",
        };
        kind.AcceptOnlyFromAmong("auto", "permission", "trust");
        var settingsFile = new Option<string?>("--settings")
        {
            Description = "Portkey integration settings (YAML/JSON: authType, roleArn, externalId or externalIdEnv, region, workspaceId, deployment), checked and used as the gateway section.",
        };
        var parametersFile = new Option<string?>("--parameters")
        {
            Description = "Values for CloudFormation template parameters and pseudo parameters (AWS::AccountId, AWS::Region): the CLI's [{ParameterKey, ParameterValue}] JSON, {\"Parameters\": {...}} or a plain name: value map.",
        };
        var fix = new Option<bool>("--fix")
        {
            Description = "Apply the unambiguous fixes (bedrock: → aws-external-anthropic:, a misspelled Portkey principal, a weak sts:ExternalId operator → StringEquals, a workspace ARN under bedrock) to JSON policies and CloudFormation templates, then lint again.",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "With --fix: show the changes as a diff and write nothing.",
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Show how each proof finding was reached: the request, the decision and every statement's match.",
        };
        var lintContext = new Option<string[]>("--context")
        {
            Description = "A value for a key the gateway's requests carry but that is unknown offline (aws:SourceIp=203.0.113.10, aws:PrincipalTag/team=ml); repeat for more keys or a list. Like gateway.context in policycheck.yml; settles the proofs that depend on it.",
        };

        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Findings only: no summary line.",
        };
        var noColor = new Option<bool>("--no-color")
        {
            Description = "No colour in the output (also NO_COLOR=1). Colour is used only when standard output is a terminal.",
        };

        var hook = new Option<bool>("--hook")
        {
            Description = "As a pre-commit hook: PATHs are the changed files; each policy is linted with the policies of its folder (its role), and files that are no policy, template or plan are skipped, not errors.",
        };

        var baseline = new Option<string?>("--baseline")
        {
            Description = "Report only findings not in this baseline (written by --write-baseline); the others are listed as suppressed.",
        };
        var writeBaseline = new Option<string?>("--write-baseline")
        {
            Description = "Record today's findings in this file (atomically), so that a gate fails only on new ones (with --baseline).",
        };

        var lint = new Command("lint", "Lint IAM permission and trust policies offline (the CI gate). Exit 0: clean; 1: findings at or above --fail-on; 2: usage error, unreadable input or no policy found.")
        {
            paths, format, failOn, config, output, kind, verbose, settingsFile, parametersFile, fix, dryRun, lintContext, quiet, noColor, hook, baseline, writeBaseline,
        };
        var known = new System.Collections.Generic.List<string>();
        foreach (var option in lint.Options)
        {
            known.Add(option.Name);
            known.AddRange(option.Aliases);
        }
        lint.SetAction(parse => Lint(new LintOptions
        {
            Paths = parse.GetValue(paths) ?? Array.Empty<string>(),
            Format = parse.GetValue(format) ?? "text",
            FailOn = parse.GetValue(failOn) ?? "error",
            ConfigPath = parse.GetValue(config),
            OutputPath = parse.GetValue(output),
            Kind = parse.GetValue(kind) ?? "auto",
            Verbose = parse.GetValue(verbose),
            SettingsPath = parse.GetValue(settingsFile),
            ParametersPath = parse.GetValue(parametersFile),
            Fix = parse.GetValue(fix),
            DryRun = parse.GetValue(dryRun),
            Context = parse.GetValue(lintContext) ?? Array.Empty<string>(),
            Quiet = parse.GetValue(quiet),
            NoColor = parse.GetValue(noColor),
            Terminal = terminal,
            Hook = parse.GetValue(hook),
            BaselinePath = parse.GetValue(baseline),
            WriteBaselinePath = parse.GetValue(writeBaseline),
            KnownOptions = known,
        }, stdout, stderr, environment, mask));
        return lint;
    }

    private sealed class LintOptions
    {
        public string[] Paths { get; init; } = Array.Empty<string>();
        public string Format { get; init; } = "text";
        public string FailOn { get; init; } = "error";
        public string? ConfigPath { get; init; }
        public string? OutputPath { get; init; }
        public string Kind { get; init; } = "auto";
        public bool Verbose { get; init; }
        public string? SettingsPath { get; init; }
        public string? ParametersPath { get; init; }
        public bool Fix { get; init; }
        public bool DryRun { get; init; }
        public string[] Context { get; init; } = Array.Empty<string>();
        public bool Quiet { get; init; }
        public bool Hook { get; init; }
        public bool NoColor { get; init; }
        public bool Terminal { get; init; }
        public string? BaselinePath { get; init; }
        public string? WriteBaselinePath { get; init; }
        public System.Collections.Generic.IReadOnlyList<string> KnownOptions { get; init; } = Array.Empty<string>();
    }

    private static int Lint(LintOptions o, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretMask mask)
    {
        var facts = BuiltIn.Service;
        var catalog = BuiltIn.Catalog;
        string[] paths = o.Paths;
        string format = o.Format, failOn = o.FailOn;
        string? outputPath = o.OutputPath;
        LintRequest Request()
        {
            var r = new LintRequest
            {
                ConfigPath = o.ConfigPath,
                SettingsPath = o.SettingsPath,
                ParametersPath = o.ParametersPath,
                Kind = o.Kind == "permission" ? DocumentKind.Permission : o.Kind == "trust" ? DocumentKind.Trust : null,
                Environment = environment,
                Hook = o.Hook,
            };
            r.Paths.AddRange(paths);
            r.Context.AddRange(o.Context);
            return r;
        }
        // An option lint does not have is a usage error, never a path to lint (unless such a file exists).
        foreach (var p in paths)
        {
            if (p.Length < 2 || p[0] != '-' || File.Exists(p) || Directory.Exists(p)) continue;
            string name = p.Split('=')[0];
            string? near = PolicyCheck.Rules.Names.Nearest(name, o.KnownOptions);
            stderr.WriteLine($"policycheck: error: lint has no option '{name}'{(near != null ? $"; did you mean {near}?" : string.Empty)} (run `policycheck lint --help`)");
            return Program.ExitUsage;
        }
        if (outputPath != null && RefuseOutput(outputPath, o) is { } why)
        {
            stderr.WriteLine($"policycheck: error: --output {outputPath}: {why}");
            return Program.ExitUsage;
        }
        if (o.DryRun && !o.Fix)
        {
            stderr.WriteLine("policycheck: error: --dry-run goes with --fix");
            return Program.ExitUsage;
        }
        var request = Request();
        var report = LintRunner.Run(request, facts, catalog);
        if (o.Fix)
        {
            mask.AddAll(report.Secrets);
            // The diff goes before a text report; a JSON/SARIF/GitHub report or an --output file keeps standard output to itself.
            var diffTo = format == "text" && outputPath == null ? stdout : stderr;
            int fixExit = FixCommand.Apply(report, o.DryRun, request, diffTo, stderr);
            if (fixExit != 0) return fixExit;
            var again = Request();
            foreach (var kv in request.Overrides) again.Overrides[kv.Key] = kv.Value;
            report = LintRunner.Run(again, facts, catalog);
        }
        mask.AddAll(report.Secrets);

        if (o.WriteBaselinePath != null)
        {
            if (report.Problems.Count > 0 || report.ConfigInvalid)
            {
                foreach (var e in report.Problems) stderr.WriteLine(Formatters.Problem(e));
                stderr.WriteLine($"policycheck: error: --write-baseline {o.WriteBaselinePath}: not written, the input could not be read in full");
                return Program.ExitUsage;
            }
            int written;
            try
            {
                written = Baseline.Write(o.WriteBaselinePath, report.Diagnostics);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stderr.WriteLine($"policycheck: error: --write-baseline {o.WriteBaselinePath}: {ex.Message}");
                return Program.ExitUsage;
            }
            stderr.WriteLine($"policycheck: wrote {written} finding(s) to the baseline {o.WriteBaselinePath}; lint with --baseline {o.WriteBaselinePath} to fail only on new ones");
            return Program.ExitClean;
        }
        // policycheck.yml's baseline: applies when it exists (before the first --write-baseline it does not yet).
        string? baselinePath = o.BaselinePath ?? (report.ConfiguredBaseline is { } configured && File.Exists(configured) ? configured : null);
        if (baselinePath != null)
        {
            var problems = new System.Collections.Generic.List<PolicyCheck.Json.Problem>();
            var entries = Baseline.Read(baselinePath, problems);
            if (entries == null)
            {
                foreach (var e in problems) stderr.WriteLine(Formatters.Problem(e));
                return Program.ExitUsage;
            }
            var stale = Baseline.Apply(report.Diagnostics, baselinePath, entries);
            report.BaselineUsed = true;
            if (stale.Count > 0)
                stderr.WriteLine($"{baselinePath}({stale[0].Span.Line},{stale[0].Span.Column}): note: {stale.Count} baseline entr{(stale.Count == 1 ? "y matches" : "ies match")} no finding any more (fixed): write the baseline again (--write-baseline {baselinePath}) to drop {(stale.Count == 1 ? "it" : "them")}");
        }

        var threshold = failOn == "note" ? Severity.Note : failOn == "warning" ? Severity.Warning : Severity.Error;
        var formatter = Formatters.For(format, o.Verbose, Formatters.UseColor(o.NoColor, outputPath, o.Terminal, environment), threshold);
        if (!Formatters.WriteReport(formatter, report, report.Links(catalog), outputPath, stdout, stderr, mask)) return Program.ExitUsage;

        int errors = 0, warnings = 0, notes = 0, suppressed = 0, failing = 0;
        foreach (var d in report.Diagnostics)
        {
            if (d.IsSuppressed)
            {
                suppressed++;
                continue;
            }
            if (d.Severity == Severity.Error) errors++;
            else if (d.Severity == Severity.Warning) warnings++;
            else notes++;
            if (d.Severity >= threshold) failing++;
        }

        if (report.ConfigInvalid)
        {
            if (format != "text") foreach (var e in report.Problems) stderr.WriteLine(Formatters.Problem(e));
            stderr.WriteLine("policycheck: the configuration is invalid; nothing was linted");
            return Program.ExitUsage;
        }
        if (format != "text") foreach (var e in report.Problems) stderr.WriteLine(Formatters.Problem(e));
        if (report.PoliciesChecked == 0 && report.Problems.Count == 0 && o.Hook) return Program.ExitClean; // a commit without policies
        if (report.PoliciesChecked == 0 && report.Problems.Count == 0)
        {
            stderr.WriteLine($"policycheck: error: no policy found in {string.Join(", ", paths)} ({report.FilesRead} file(s) read, none is an IAM policy, a CloudFormation template with IAM resources or a Terraform plan with IAM resources)");
            return Program.ExitUsage;
        }
        if (!o.Quiet)
            stderr.WriteLine($"policycheck: {errors} error(s), {warnings} warning(s), {notes} note(s){(suppressed > 0 ? $", {suppressed} suppressed" : string.Empty)} in {report.PoliciesChecked} polic{(report.PoliciesChecked == 1 ? "y" : "ies")}");
        if (report.Problems.Count > 0) return Program.ExitUsage;
        return failing > 0 ? Program.ExitFindings : Program.ExitClean;
    }

    /// <summary>Why the report must not go to this file: no name, a folder, or a file this run reads (it would be lost).</summary>
    private static string? RefuseOutput(string outputPath, LintOptions o)
    {
        try
        {
            return RefuseOutputUnsafe(outputPath, o);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
        {
            return "cannot use this path: " + ex.Message;
        }
    }

    private static string? RefuseOutputUnsafe(string outputPath, LintOptions o)
    {
        if (outputPath.Trim().Length == 0) return "give a file name for the report";
        string full = Path.GetFullPath(outputPath);
        if (Directory.Exists(full)) return "it is a folder; give a file name for the report";
        if (!File.Exists(full)) return null;
        if (new FileInfo(full).LinkTarget != null && File.ResolveLinkTarget(full, true) is { } target) full = target.FullName;
        var inputs = new System.Collections.Generic.List<(string? Path, bool Regular)> { (o.ConfigPath, false), (o.SettingsPath, false), (o.ParametersPath, false) };
        foreach (var f in PolicyFiles.Expand(o.Paths, new System.Collections.Generic.List<PolicyCheck.Json.Problem>())) inputs.Add((f.Path, f.Regular));
        foreach (var (input, regular) in inputs)
        {
            if (input == null) continue;
            string inputFull = Path.GetFullPath(input);
            // A regular file found in a folder's listing is no link: only the others are asked where they point.
            if (!regular && File.Exists(inputFull) && new FileInfo(inputFull).LinkTarget != null && File.ResolveLinkTarget(inputFull, true) is { } t) inputFull = t.FullName;
            if (string.Equals(inputFull, full, StringComparison.Ordinal)) return "this run reads that file; writing the report there would replace it";
        }
        return null;
    }
}

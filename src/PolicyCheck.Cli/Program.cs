using System;
using System.CommandLine;
using System.IO;
using System.Reflection;
using PolicyCheck.Cli.Output;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Model;
using PolicyCheck.Secrets;

namespace PolicyCheck.Cli;

/// <summary>The policycheck command line.</summary>
public static class Program
{
    public const string Version = "0.1.0";

    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a command line with the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, TextReader? stdin = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        // Everything printed passes the one redaction layer.
        var mask = SecretMask.FromEnvironment(env);
        using var output = new MaskingWriter(stdout, mask);
        using var errors = new MaskingWriter(stderr, mask);
        try
        {
            return RunCore(args, output, errors, env, stdin ?? Console.In, mask);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
        {
            errors.WriteLine("policycheck: error: " + ex.Message);
            return ExitUsage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && ex is not StackOverflowException)
        {
            // Never a crash report full of internals: one line, and the stack only when asked for.
            errors.WriteLine($"policycheck: internal error: {ex.GetType().Name}: {ex.Message} (please report it; set POLICYCHECK_DEBUG=1 for details)");
            if (env("POLICYCHECK_DEBUG") == "1") errors.WriteLine(ex.ToString());
            return ExitUsage;
        }
        finally
        {
            output.Flush();
            errors.Flush();
        }
    }

    private static int RunCore(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, TextReader stdin, SecretMask mask)
    {
        var root = new RootCommand("PolicyCheck: checks the AWS side of a Portkey → Claude Platform on AWS integration.");

        var paths = new Argument<string[]>("paths")
        {
            Description = "Policy files, CloudFormation templates (YAML/JSON, cdk.out), Terraform plan JSON, folders (walked recursively for *.json, *.yaml, *.yml, *.template) or globs such as 'policies/**/*.json'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (MSBuild style), json, sarif (2.1.0) or github (workflow annotations).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
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

        var lint = new Command("lint", "Lint IAM permission and trust policies offline (the CI gate). Exit 0: clean; 1: findings at or above --fail-on; 2: usage error, unreadable input or no policy found.")
        {
            paths, format, failOn, config, output, kind, verbose, settingsFile, parametersFile, fix, dryRun, lintContext,
        };
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
        }, stdout, stderr, environment, mask));

        var ruleId = new Argument<string>("rule") { Description = "A rule ID such as PC3006." };
        var explain = new Command("explain", "Print a rule's documentation: what it checks, why, how to fix it, an example.") { ruleId };
        explain.SetAction(parse => Explain(parse.GetValue(ruleId) ?? string.Empty, stdout, stderr));

        var rules = new Command("rules", "List every rule with its ID, default severity and title.");
        rules.SetAction(_ => ListRules(stdout));

        root.Subcommands.Add(lint);
        root.Subcommands.Add(explain);
        root.Subcommands.Add(rules);
        root.Subcommands.Add(SimulateCommand.Create(stdout, stderr, stdin));
        root.Subcommands.Add(VerifyCommand.Create(stdout, stderr, environment, mask));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr, stdin, environment));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) stderr.WriteLine("policycheck: error: " + e.Message);
            stderr.WriteLine("Run 'policycheck --help' for usage.");
            return ExitUsage;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
            };
            r.Paths.AddRange(paths);
            r.Context.AddRange(o.Context);
            return r;
        }
        if (o.DryRun && !o.Fix)
        {
            stderr.WriteLine("policycheck: error: --dry-run goes with --fix");
            return ExitUsage;
        }
        var request = Request();
        var report = LintRunner.Run(request, facts, catalog);
        if (o.Fix)
        {
            foreach (var secret in report.Secrets) mask.Add(secret);
            // The diff goes before a text report; a JSON/SARIF/GitHub report or an --output file keeps standard output to itself.
            var diffTo = format == "text" && outputPath == null ? stdout : stderr;
            int fixExit = FixCommand.Apply(report, o.DryRun, request, diffTo, stderr);
            if (fixExit != 0) return fixExit;
            var again = Request();
            foreach (var kv in request.Overrides) again.Overrides[kv.Key] = kv.Value;
            report = LintRunner.Run(again, facts, catalog);
        }
        foreach (var secret in report.Secrets) mask.Add(secret);

        var formatter = Formatters.For(format, o.Verbose);
        if (outputPath != null)
        {
            var text = new StringWriter();
            formatter.Write(report, catalog, text);
            try
            {
                AtomicFile.WriteAllText(outputPath, mask.Apply(text.ToString()));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stderr.WriteLine($"policycheck: error: cannot write the report to {outputPath}: {ex.Message}");
                return ExitUsage;
            }
        }
        else
        {
            formatter.Write(report, catalog, stdout);
        }

        var threshold = failOn == "note" ? Severity.Note : failOn == "warning" ? Severity.Warning : Severity.Error;
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

        if (report.ConfigErrors.Count > 0)
        {
            if (format != "text") foreach (var e in report.ConfigErrors) stderr.WriteLine($"{e.Path}({e.Span.Line},{e.Span.Column}): error {ConfigLoader.RuleId}: {e.Message}");
            stderr.WriteLine("policycheck: the configuration is invalid; nothing was linted");
            return ExitUsage;
        }
        if (format != "text") foreach (var e in report.InputErrors) stderr.WriteLine(Formatters.InputError(e));
        if (report.PoliciesChecked == 0 && report.InputErrors.Count == 0)
        {
            stderr.WriteLine($"policycheck: error: no policy found in {string.Join(", ", paths)} ({report.FilesRead} file(s) read, none is an IAM policy, a CloudFormation template with IAM resources or a Terraform plan with IAM resources)");
            return ExitUsage;
        }
        stderr.WriteLine($"policycheck: {errors} error(s), {warnings} warning(s), {notes} note(s){(suppressed > 0 ? $", {suppressed} suppressed" : string.Empty)} in {report.PoliciesChecked} polic{(report.PoliciesChecked == 1 ? "y" : "ies")}");
        if (report.InputErrors.Count > 0) return ExitUsage;
        return failing > 0 ? ExitFindings : ExitClean;
    }

    private static int Explain(string id, TextWriter stdout, TextWriter stderr)
    {
        var rule = BuiltIn.Catalog.Find(id.Trim());
        if (rule == null)
        {
            stderr.WriteLine($"policycheck: error: '{id}' is not a rule ID; 'policycheck rules' lists them");
            return ExitUsage;
        }
        using var stream = typeof(Program).Assembly.GetManifestResourceStream("PolicyCheck.docs." + rule.Id + ".md");
        if (stream == null)
        {
            stdout.WriteLine($"{rule.Id}: {rule.Title}\n\n{rule.Help}\n\nFix: {rule.Fix}");
            return ExitClean;
        }
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        if (text.StartsWith("<!--", StringComparison.Ordinal)) text = text.Substring(text.IndexOf("-->", StringComparison.Ordinal) + 3).TrimStart();
        stdout.Write(text);
        return ExitClean;
    }

    private static int ListRules(TextWriter stdout)
    {
        foreach (var r in BuiltIn.Catalog.Rules)
        {
            stdout.WriteLine($"{r.Id}  {RuleCatalog.SeverityName(r.DefaultSeverity) + (r.SeverityVaries != null ? "*" : string.Empty),-8}  {r.Category,-13}  {r.Title}");
            if (r.SeverityVaries != null) stdout.WriteLine($"        {string.Empty,-8}  {string.Empty,-13}  * {r.SeverityVaries}");
        }
        return ExitClean;
    }
}

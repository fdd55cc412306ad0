using PolicyCheck.Json;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Tests;

/// <summary>Lints in-memory documents the way the CLI does.</summary>
public static class Lint
{
    public static ServiceFacts Facts => BuiltIn.Service;

    public static GatewayConfig Config(string? yaml)
    {
        if (yaml == null) return new GatewayConfig();
        var errors = new List<Problem>();
        var config = ConfigReader.Load("policycheck.yml", yaml, Facts, BuiltIn.Catalog, _ => null, errors, File.Exists);
        if (errors.Count > 0) throw new InvalidOperationException("test config invalid: " + errors[0].Message);
        return config;
    }

    /// <summary>Lints one role made of the given documents (file name → JSON).</summary>
    public static List<Diagnostic> Role(GatewayConfig config, params (string Name, string Json)[] docs)
    {
        var role = new RoleGroup("role");
        var managed = new ManagedPolicies(Facts);
        foreach (var m in config.ManagedPolicies)
        {
            role.ManagedPolicies.Add(new AttachedManagedPolicy(Facts.FindManagedPolicy(m.Value)!, managed.Document(m.Value)!, m));
        }
        foreach (var (name, json) in docs) role.Documents.Add(PolicyReader.Read(name, json));
        var engine = LintEngine.CreateDefault(PolicyCheck.Inputs.EmbeddedCatalog.Load);
        return engine.Lint(new[] { role }, config, new DateTime(2026, 11, 24));
    }

    public static List<Diagnostic> Json(string json, string? configYaml = null) => Role(Config(configYaml), ("policy.json", json));

    public static List<Diagnostic> Only(this List<Diagnostic> all, string ruleId) => all.Where(d => d.RuleId == ruleId).ToList();

    /// <summary>The bundled examples read as `lint examples/` reads them (config, roles), before any rule runs.</summary>
    public static LintInput ReadExamples()
    {
        var request = new LintRequest { SearchConfig = false };
        request.Paths.Add(Path.Combine(Repo, "examples"));
        return LintRunner.Read(request, BuiltIn.Service, BuiltIn.Catalog);
    }

    public static string Permission(string statementJson) => """{"Version": "2012-10-17", "Statement": [""" + statementJson + "]}";

    public const string PortkeyRole = "arn:aws:iam::299329113195:role/portkey-app";
    public const string WorkspaceStar = "arn:aws:aws-external-anthropic:*:*:workspace/*";
    public const string InferenceActions = """["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens"]""";
    public const string GoodExternalId = "9f1c2e7a-4b6d-4e21-8c3f-0a5b7d9e1f23";

    public static string Repo
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PolicyCheck.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("repository root not found");
        }
    }
}

/// <summary>Runs the CLI in-process and captures its output.</summary>
public static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(string[] args, Func<string, string?>? env = null, string? cwd = null, string? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        lock (CwdLock)
        {
            string before = Directory.GetCurrentDirectory();
            try
            {
                if (cwd != null) Directory.SetCurrentDirectory(cwd);
                int exit = PolicyCheck.Cli.Program.Run(args, stdout, stderr, env ?? (_ => null), new StringReader(stdin ?? string.Empty));
                return (exit, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Directory.SetCurrentDirectory(before);
            }
        }
    }

    public static readonly object CwdLock = new object();
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policycheck-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string content)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}

/// <summary>
/// Policies with their expected findings marked, as in Roslyn's analyzer tests: <c>{|PC2001:"bedrock:InvokeModel"|}</c>
/// expects exactly one PC2001 finding whose span is exactly the marked text, and no other finding of the rules marked.
/// </summary>
public static class Markup
{
    public static (string Text, List<(string Rule, int Start, int Length)> Spans) Parse(string marked)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var spans = new List<(string, int, int)>();
        var open = new Stack<(string Rule, int Start)>();
        for (int i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '{' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                int colon = marked.IndexOf(':', i + 2);
                open.Push((marked.Substring(i + 2, colon - i - 2), text.Length));
                i = colon;
                continue;
            }
            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == '}')
            {
                var (rule, start) = open.Pop();
                spans.Add((rule, start, text.Length - start));
                i++;
                continue;
            }
            text.Append(marked[i]);
        }
        if (open.Count > 0) throw new InvalidOperationException("markup: a {| is not closed");
        return (text.ToString(), spans);
    }

    /// <summary>Lints the marked policy and checks the findings of the marked rules (and of <paramref name="alsoQuiet"/>) are exactly the marks.</summary>
    public static List<Diagnostic> AssertFindings(string marked, string? configYaml = null, params string[] alsoQuiet)
    {
        var (text, expected) = Parse(marked);
        var rules = new HashSet<string>(expected.Select(e => e.Rule).Concat(alsoQuiet), StringComparer.Ordinal);
        var found = Lint.Json(text, configYaml).Where(d => rules.Contains(d.RuleId)).ToList();
        var actual = found.Select(d => (d.RuleId, d.Span.Start, d.Span.Length)).OrderBy(x => x.Start).ThenBy(x => x.RuleId).ToList();
        var want = expected.OrderBy(x => x.Start).ThenBy(x => x.Rule).ToList();
        if (!want.SequenceEqual(actual)) throw new Xunit.Sdk.XunitException($"expected:\n{marked}\nfound:\n{Mark(text, actual)}");
        return found;
    }

    private static string Mark(string text, List<(string Rule, int Start, int Length)> spans)
    {
        var sb = new System.Text.StringBuilder(text);
        foreach (var (rule, start, length) in spans.OrderByDescending(s => s.Start))
        {
            sb.Insert(start + length, "|}");
            sb.Insert(start, "{|" + rule + ":");
        }
        return sb.ToString();
    }
}

/// <summary>The git command in a temporary repository (identity and branch fixed, no signing); a failure fails the test.</summary>
public static class GitRepo
{
    public static void Run(string cwd, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main" }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Xunit.Assert.True(p.ExitCode == 0, "git " + string.Join(' ', args) + ": " + err.Result);
    }
}

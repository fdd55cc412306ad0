using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace PolicyCheck.Fuzz;

/// <summary>
/// A seeded mutation fuzzer for PolicyCheck's readers. Property: every input is read into findings or errors — no
/// unhandled exception, no input taking over 1 s, memory bounded. Crashing or slow inputs are written to the crashers
/// folder (kept as regression tests). Usage: dotnet run -c Release --project tests/PolicyCheck.Fuzz -- [--seconds N] [--seed N]
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Coverage-guided mode under AFL++ (tools/fuzz-afl.sh): one target, input from AFL, instrumented assemblies.
        if (args.Length == 2 && args[0] == "--afl")
        {
            // Touch no instrumented code before Fuzzer.Run has set up AFL's shared memory.
            string name = args[1];
            SharpFuzz.Fuzzer.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Targets.All[name](copy.ToArray());
            });
            return 0;
        }
        double seconds = 20;
        int seed = 1;
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--seconds") seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            if (args[i] == "--seed") seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        string repo = FindRepo();
        string crashers = Path.Combine(repo, "tests", "PolicyCheck.Tests", "BadInput", "fuzz-crashers");
        var seeds = Seeds(repo);
        int failures = 0;
        long totalExecs = 0;
        var perTarget = TimeSpan.FromSeconds(seconds / Targets.All.Count);
        StartWatchdog(crashers, repo);
        foreach (var (name, target) in Targets.All)
        {
            var pool = seeds[name];
            var mutator = new Mutator(seed);
            var clock = Stopwatch.StartNew();
            long execs = 0, crashes = 0, slow = 0;
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            double slowest = 0;
            // The generated shapes are large: each is run as it is, then mutated once in 512 inputs.
            var shapes = Shapes.For(name);
            foreach (var s in pool.Concat(shapes))
            {
                bool fine = Run(target, s, out double took, out string? why, name);
                if (!fine || took > 1000) Console.WriteLine($"{name}: seed {(fine ? $"slow ({took:N0} ms)" : "crash: " + why)}");
                if (!fine || took > 1000) failures++;
            }
            while (clock.Elapsed < perTarget)
            {
                var basis = shapes.Count > 0 && execs % 512 == 511 ? shapes[(int)(execs / 512 % shapes.Count)] : pool[(int)(execs % pool.Count)];
                var input = mutator.Mutate(basis, pool);
                execs++;
                bool ok = Run(target, input, out double ms, out string? error, name);
                slowest = Math.Max(slowest, ms);
                if (!ok || ms > 1000)
                {
                    if (!ok) crashes++; else slow++;
                    // One file per kind of failure, so a run never floods the folder.
                    if (!kinds.Add(ok ? "slow" : error!)) continue;
                    Directory.CreateDirectory(crashers);
                    string file = Path.Combine(crashers, $"{name}-{(ok ? "slow" : "crash")}-{seed}-{execs}.bin");
                    File.WriteAllBytes(file, input);
                    Console.WriteLine($"{name}: {(ok ? $"slow ({ms:N0} ms)" : "crash: " + error)} → {Path.GetRelativePath(repo, file)}");
                }
                if (GC.GetTotalMemory(false) > 2L << 30)
                {
                    Console.WriteLine($"{name}: memory over 2 GiB after {execs} inputs");
                    failures++;
                    break;
                }
            }
            totalExecs += execs;
            failures += (int)(crashes + slow);
            Console.WriteLine($"fuzz {name}: {execs:N0} inputs in {clock.Elapsed.TotalSeconds:N1} s, {crashes} crash(es), {slow} over 1 s, slowest {slowest:N1} ms ({pool.Count} seeds)");
        }
        Console.WriteLine($"fuzz: {totalExecs:N0} inputs, {failures} failure(s), seed {seed}");
        return failures == 0 ? 0 : 1;
    }

    private static volatile byte[]? _current;
    private static volatile string _currentTarget = string.Empty;
    private static long _startedTicks;

    /// <summary>An input that runs for 5 s is a hang: save it and stop (a thread cannot be aborted in .NET).</summary>
    private static void StartWatchdog(string crashers, string repo)
    {
        var thread = new System.Threading.Thread(() =>
        {
            while (true)
            {
                System.Threading.Thread.Sleep(200);
                var input = _current;
                long started = System.Threading.Interlocked.Read(ref _startedTicks);
                if (input == null || started == 0) continue;
                if (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5)) continue;
                Directory.CreateDirectory(crashers);
                string file = Path.Combine(crashers, $"{_currentTarget}-hang.bin");
                File.WriteAllBytes(file, input);
                Console.WriteLine($"{_currentTarget}: hang (over 5 s) → {Path.GetRelativePath(repo, file)}");
                Environment.Exit(1);
            }
        }) { IsBackground = true };
        thread.Start();
    }

    public static bool Run(Action<byte[]> target, byte[] input, out double ms, out string? error, string name = "")
    {
        _currentTarget = name;
        _current = input;
        System.Threading.Interlocked.Exchange(ref _startedTicks, Stopwatch.GetTimestamp());
        var sw = Stopwatch.StartNew();
        try
        {
            target(input);
            error = null;
            return true;
        }
        catch (Exception ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
            return false;
        }
        finally
        {
            ms = sw.Elapsed.TotalMilliseconds;
            System.Threading.Interlocked.Exchange(ref _startedTicks, 0);
            _current = null;
        }
    }

    public static Dictionary<string, List<byte[]>> Seeds(string repo)
    {
        var policies = Directory.GetFiles(Path.Combine(repo, "examples"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(repo, "tests", "PolicyCheck.Tests", "BadInput", "corpus"), "*.json"))
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var configs = Directory.GetFiles(Path.Combine(repo, "examples"), "policycheck.yml", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        configs.Add(System.Text.Encoding.UTF8.GetBytes("gateway:\n  deployment: hosted\n  features: [inference, count_tokens]\n  region: us-west-2\n  account: \"111122223333\"\n  workspace: wrkspc_01\n  externalId:\n    env: EXT\nrules:\n  PC2009: off\nsuppressions:\n  - rule: PC2008\n    path: \"**/*.json\"\n    justification: fuzz\n    expires: 2030-01-01\n"));
        configs.Add(System.Text.Encoding.UTF8.GetBytes("gateway:\n  region: us-west-2\n  context:\n    aws:SourceIp: 203.0.113.10\n    aws:PrincipalTag/team: ml\n    aws:PrincipalOrgPaths: [o-a/r-b/, o-a/r-c/]\n    aws:TokenIssueTime: 2026-01-01T00:00:00Z\n"));
        string trust = File.ReadAllText(Path.Combine(repo, "examples", "seed", "full-access", "trust.json")).Replace("\n", string.Empty);
        string perm = File.ReadAllText(Path.Combine(repo, "examples", "seed", "full-access", "permission.json")).Replace("\n", string.Empty);
        var batch = new List<byte[]>
        {
            System.Text.Encoding.UTF8.GetBytes("{\"policies\":[" + perm + "],\"action\":\"aws-external-anthropic:CreateInference\",\"resource\":\"arn:aws:aws-external-anthropic:us-east-1:1:workspace/wrkspc_1\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\",\"aws:TagKeys\":[\"a\",\"b\"]}}"),
            System.Text.Encoding.UTF8.GetBytes("{\"resourcePolicy\":" + trust + ",\"action\":\"sts:AssumeRole\",\"principal\":\"arn:aws:iam::299329113195:role/portkey-app\",\"context\":{\"sts:ExternalId\":\"x\"}}"),
            System.Text.Encoding.UTF8.GetBytes("{\"id\":\"c1\",\"expect\":\"implicitDeny\",\"resourcePolicy\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::1:root\"]},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}]},\"boundaries\":[{\"Statement\":[]}],\"rcps\":[{\"Statement\":[]}],\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"principal\":\"*\"}"),
        };
        var plans = new List<byte[]>
        {
            File.ReadAllBytes(Path.Combine(repo, "examples", "terraform", "plan.json")),
            // An attachment followed through the configuration's references, inside a module.
            System.Text.Encoding.UTF8.GetBytes("{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"child_modules\":[{\"address\":\"module.gw\",\"resources\":[{\"address\":\"module.gw.aws_iam_role.gw\",\"type\":\"aws_iam_role\",\"values\":{\"assume_role_policy\":\"{}\"}},{\"address\":\"module.gw.aws_iam_policy.p[0]\",\"type\":\"aws_iam_policy\",\"values\":{\"policy\":\"{\\\"Statement\\\":[]}\"}},{\"address\":\"module.gw.aws_iam_role_policy_attachment.a\",\"type\":\"aws_iam_role_policy_attachment\",\"values\":{}}]}]}},\"configuration\":{\"root_module\":{\"module_calls\":{\"gw\":{\"module\":{\"resources\":[{\"address\":\"aws_iam_role_policy_attachment.a\",\"expressions\":{\"role\":{\"references\":[\"aws_iam_role.gw.name\"]},\"policy_arn\":{\"references\":[\"aws_iam_policy.p[0].arn\"]}}}]}}}}}}"),
        };
        var settings = new List<byte[]>
        {
            System.Text.Encoding.UTF8.GetBytes("authType: assumedRole\nroleArn: arn:aws:iam::123456789012:role/portkey\nexternalIdEnv: EXT\nregion: us-west-2\nworkspaceId: wrkspc_01abc\ndeployment: hosted\n"),
            System.Text.Encoding.UTF8.GetBytes("{\"authType\": \"assumedRole\", \"roleArn\": \"arn:aws:iam::123456789012:role/p\", \"externalId\": \"abc-123\", \"region\": \"eu-west-1\"}"),
        };
        var templates = Directory.GetFiles(Path.Combine(repo, "examples"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(repo, "examples"), "*.template.json", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(repo, "tests", "PolicyCheck.Tests", "BadInput", "corpus"), "cfn-*"))
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        // Policies written as text: a YAML block scalar under !Sub and a JSON string.
        templates.Add(System.Text.Encoding.UTF8.GetBytes("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: !Sub |\n        {\"Version\": \"2012-10-17\",\n         \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"${P}\"}, \"Action\": \"sts:AssumeRole\"}]}\n"));
        templates.Add(System.Text.Encoding.UTF8.GetBytes("{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": \"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"sts:AssumeRole\\\", \\\"Principal\\\": {\\\"AWS\\\": \\\"*\\\"}}]}\"}}}}"));
        var parameters = new List<byte[]>
        {
            File.ReadAllBytes(Path.Combine(repo, "examples", "cloudformation", "parameters.json")),
            System.Text.Encoding.UTF8.GetBytes("{\"Parameters\": {\"Stage\": \"prod\", \"Subnets\": [\"a\", \"b\"]}}"),
            System.Text.Encoding.UTF8.GetBytes("AWS::AccountId: \"111122223333\"\nStage: dev\n"),
        };
        var folder = new List<byte[]> { File.ReadAllBytes(Path.Combine(repo, "examples", "seed", "full-access", "permission.json")), new byte[] { 0xff, 0x01 } };
        return new Dictionary<string, List<byte[]>> { ["policy"] = policies, ["config"] = configs, ["batch"] = batch, ["plan"] = plans, ["settings"] = settings, ["template"] = templates, ["parameters"] = parameters, ["folder"] = folder };
    }

    public static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PolicyCheck.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}

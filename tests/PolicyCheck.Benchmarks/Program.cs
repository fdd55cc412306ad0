using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Benchmarks;

/// <summary>Lint throughput on a generated corpus of 10,000 policies (target: ≥ 20,000 policies/s warm).</summary>
[MemoryDiagnoser]
public class LintThroughput
{
    private readonly List<string> _corpus = Corpus.Create(10_000);
    private readonly LintEngine _engine = LintEngine.CreateDefault(null);
    private readonly GatewayConfig _config = new GatewayConfig();

    [Benchmark(OperationsPerInvoke = 10_000)]
    public int LintCorpus() => Corpus.LintAll(_engine, _config, _corpus);
}

public static class Corpus
{
    /// <summary>A mix of permission and trust policies, good and broken, of realistic size.</summary>
    public static List<string> Create(int count)
    {
        var random = new Random(42);
        string[] actions = { "CreateInference", "CountTokens", "CreateBatchInference", "GetBatchInference", "ListFiles", "CreateMessageBatch", "Get*" };
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            if (i % 3 == 0)
            {
                string op = random.Next(4) == 0 ? "StringLike" : "StringEquals";
                list.Add("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::299329113195:role/portkey-app\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"" + op + "\": {\"sts:ExternalId\": \"tenant-" + i + "-9f1c2e7a\"}}}]}");
                continue;
            }
            var sb = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
            int statements = 1 + random.Next(3);
            for (int s = 0; s < statements; s++)
            {
                if (s > 0) sb.Append(',');
                sb.Append("{\"Sid\": \"S").Append(s).Append("\", \"Effect\": \"Allow\", \"Action\": [");
                int n = 1 + random.Next(4);
                for (int a = 0; a < n; a++)
                {
                    if (a > 0) sb.Append(", ");
                    sb.Append(random.Next(10) == 0 ? "\"bedrock:InvokeModel\"" : "\"aws-external-anthropic:" + actions[random.Next(actions.Length)] + "\"");
                }
                sb.Append("], \"Resource\": \"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_").Append(i).Append("\"}");
            }
            list.Add(sb.Append("]}").ToString());
        }
        return list;
    }

    /// <summary>A plain stopwatch figure for CI logs: policies/s after a warm-up pass.</summary>
    public static void Quick()
    {
        var engine = LintEngine.CreateDefault(null);
        var corpus = Create(10_000);
        var config = new GatewayConfig();
        LintAll(engine, config, corpus);
        var best = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            LintAll(engine, config, corpus);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"lint throughput: {corpus.Count / best:N0} policies/s (best of 5 passes over {corpus.Count:N0} policies; target >= 20,000)");
    }

    public static int LintAll(LintEngine engine, GatewayConfig config, List<string> corpus)
    {
        int findings = 0;
        var sink = new List<Diagnostic>();
        for (int i = 0; i < corpus.Count; i++)
        {
            var role = new RoleGroup("r");
            role.Documents.Add(PolicyReader.Read("p" + i + ".json", corpus[i]));
            sink.Clear();
            engine.LintRole(role, config, sink);
            findings += sink.Count;
        }
        return findings;
    }
}

public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "--parse")
        {
            FolderProfile.Parse(args[1]);
            return;
        }
        if (args.Length > 1 && args[0] == "--allocations")
        {
            FolderProfile.Allocations(args[1]);
            return;
        }
        if (args.Length > 1 && args[0] == "--whole")
        {
            FolderProfile.Whole(args[1]);
            return;
        }
        if (args.Length > 1 && args[0] == "--rules")
        {
            FolderProfile.PerRule(args[1], args.Length > 2 ? args[2] : null);
            return;
        }
        if (args.Length > 0 && args[0] == "--rules")
        {
            // Where lint time goes: each rule alone over the corpus.
            var corpus = Corpus.Create(10_000);
            var config = new GatewayConfig();
            foreach (var rule in AllRules.Create())
            {
                var engine = LintEngine.CreateDefault(null, d => d.Id == rule.Id);
                Corpus.LintAll(engine, config, corpus);
                var sw = Stopwatch.StartNew();
                Corpus.LintAll(engine, config, corpus);
                Console.WriteLine($"{rule.Id} {rule.GetType().Name,-34} {sw.Elapsed.TotalMilliseconds,8:N1} ms");
            }
            return;
        }
        if (args.Length > 0 && args[0] == "--huge")
        {
            HugePolicies.Quick();
            if (args.Length > 1 && args[1] == "--per-rule") HugePolicies.PerRule();
            return;
        }
        if (args.Length > 0 && args[0] == "--template-profile")
        {
            TemplateProfile.Run();
            return;
        }
        if (args.Length > 0 && args[0] == "--diff")
        {
            DiffRepository.Quick();
            return;
        }
        if (args.Length > 0 && args[0] == "--evaluator")
        {
            Decisions.Quick();
            return;
        }
        if (args.Length > 0 && args[0] == "--lint")
        {
            Corpus.Quick();
            return;
        }
        if (args.Length > 0 && args[0] == "--quick")
        {
            Corpus.Quick();
            Decisions.Quick();
            Mixed.Quick();
            Templates.Quick();
            HugePolicies.Quick();
            DiffRepository.Quick();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

/// <summary>Where lint of a folder goes: reading, then each rule alone over the roles read (time and bytes allocated).</summary>
public static class FolderProfile
{
    /// <summary>What reading one file costs, by stage (bytes allocated and time per file, warm).</summary>
    public static void Parse(string file)
    {
        if (System.IO.Directory.Exists(file))
        {
            var all = System.IO.Directory.GetFiles(file, "*.json", System.IO.SearchOption.AllDirectories);
            for (int run = 0; run < 3; run++)
            {
                var sw0 = Stopwatch.StartNew();
                var read = new List<byte[]>();
                foreach (var f in all) read.Add(PolicyCheck.Inputs.PolicyFiles.ReadBytes(f, new List<PolicyCheck.Json.Problem>())!);
                double io = sw0.Elapsed.TotalMilliseconds;
                sw0.Restart();
                foreach (var f in all) System.IO.File.ReadAllBytes(f);
                double plain = sw0.Elapsed.TotalMilliseconds;
                sw0.Restart();
                for (int i = 0; i < all.Length; i++) PolicyCheck.Inputs.InputReader.ReadJson(all[i], read[i], null, 1024);
                Console.WriteLine($"{all.Length} files: ReadBytes {io:N1} ms, File.ReadAllBytes {plain:N1} ms, ReadJson {sw0.Elapsed.TotalMilliseconds:N1} ms");
            }
            return;
        }
        var bytes = System.IO.File.ReadAllBytes(file);
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        void Stage(string name, Action step)
        {
            for (int i = 0; i < 2000; i++) step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 20000; i++) step();
            Console.WriteLine($"{name,-28} {sw.Elapsed.TotalMilliseconds * 1000 / 20000,8:N2} us {(GC.GetAllocatedBytesForCurrentThread() - before) / 20000,8:N0} B");
        }
        Stage("decode", () => PolicyCheck.Json.SourceDecoder.Decode(bytes, new List<PolicyCheck.Json.Problem>()));
        Stage("line map + json tree", () => PolicyCheck.Json.JsonParser.Parse(text, new PolicyCheck.Json.LineMap(text), new List<PolicyCheck.Json.Problem>()));
        Stage("policy model (from text)", () => PolicyReader.Read(file, text));
        Stage("ReadJson (all)", () => PolicyCheck.Inputs.InputReader.ReadJson(file, bytes, null, 1024));
    }

    /// <summary>Lint of a folder end to end, as the CLI runs it (without the output): time, bytes allocated and collections, warm.</summary>
    public static void Whole(string folder)
    {
        for (int run = 0; run < 4; run++)
        {
            var request = new PolicyCheck.Inputs.LintRequest();
            request.Paths.Add(folder);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long before = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            var report = PolicyCheck.Inputs.LintRunner.Run(request, BuiltIn.Service, BuiltIn.Catalog);
            Console.WriteLine($"lint: {sw.Elapsed.TotalMilliseconds:N1} ms, {(GC.GetTotalAllocatedBytes(true) - before) / 1e6:N1} MB allocated, " +
                $"collections {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, {report.Diagnostics.Count} findings");
        }
    }

    /// <summary>The types allocated most in one lint of the folder (the runtime's allocation ticks, one per ~100 KB).</summary>
    public static void Allocations(string folder)
    {
        if (System.IO.File.Exists(folder))
        {
            BatchAllocations(folder);
            return;
        }
        Whole(folder);
        using var ticks = new AllocationTicks();
        var request = new PolicyCheck.Inputs.LintRequest();
        request.Paths.Add(folder);
        PolicyCheck.Inputs.LintRunner.Run(request, BuiltIn.Service, BuiltIn.Catalog);
        foreach (var (type, bytes) in ticks.Top(30)) Console.WriteLine($"{bytes / 1e6,8:N1} MB  {type}");
    }

    /// <summary>simulate --batch over a file, as the CLI runs it (output to nowhere): time, bytes per line and collections, warm; then the types.</summary>
    private static void BatchAllocations(string file)
    {
        PolicyCheck.Inputs.Simulation.BatchSummary Run()
        {
            using var input = System.IO.File.OpenRead(file);
            using var output = new PolicyCheck.Secrets.MaskingWriter(new PolicyCheck.Cli.Output.Utf8Output(System.IO.Stream.Null), new PolicyCheck.Secrets.SecretMask());
            return PolicyCheck.Cli.Output.BatchSimulation.Run(input, output);
        }
        long lines = System.Linq.Enumerable.LongCount(System.IO.File.ReadLines(file));
        for (int run = 0; run < 4; run++)
        {
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long before = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            var summary = Run();
            long bytes = GC.GetTotalAllocatedBytes(true) - before;
            Console.WriteLine($"simulate --batch: {sw.Elapsed.TotalMilliseconds:N1} ms, {bytes / 1e6:N1} MB allocated ({bytes / Math.Max(1, lines):N0} B a line), " +
                $"collections {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, {summary.Errors} errors");
        }
        using var ticks = new AllocationTicks();
        Run();
        foreach (var (type, amount) in ticks.Top(30)) Console.WriteLine($"{amount / 1e6,8:N1} MB  {type}");
    }

    private sealed class AllocationTicks : System.Diagnostics.Tracing.EventListener
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null) return;
            int type = e.PayloadNames!.IndexOf("TypeName"), amount = e.PayloadNames.IndexOf("AllocationAmount64");
            if (type < 0 || amount < 0) return;
            _bytes.AddOrUpdate((string)e.Payload[type]!, Convert.ToInt64(e.Payload[amount]), (_, b) => b + Convert.ToInt64(e.Payload[amount]));
        }

        public List<(string, long)> Top(int n)
        {
            var list = new List<(string, long)>();
            foreach (var kv in _bytes) list.Add((kv.Key, kv.Value));
            list.Sort((a, b) => b.Item2.CompareTo(a.Item2));
            return list.GetRange(0, Math.Min(n, list.Count));
        }
    }

    /// <param name="only">One rule, run 20 times over the roles (for a profiler).</param>
    public static void PerRule(string folder, string? only)
    {
        var request = new PolicyCheck.Inputs.LintRequest();
        request.Paths.Add(folder);
        long before = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        var read = PolicyCheck.Inputs.LintRunner.Read(request, BuiltIn.Service, BuiltIn.Catalog);
        Console.WriteLine($"read {read.Roles.Count} roles: {sw.Elapsed.TotalMilliseconds:N1} ms, {(GC.GetTotalAllocatedBytes(true) - before) / 1e6:N1} MB");
        var config = read.Config!;
        var sink = new List<Diagnostic>();
        foreach (var rule in AllRules.Create())
        {
            if (only != null && rule.Id != only) continue;
            var engine = LintEngine.CreateDefault(PolicyCheck.Inputs.EmbeddedCatalog.Load, d => d.Id == rule.Id);
            for (int run = 0; run < (only != null ? 20 : 1); run++) foreach (var role in read.Roles) engine.LintRole(role, config, sink);
            sink.Clear();
            before = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            foreach (var role in read.Roles) engine.LintRole(role, config, sink);
            double ms = sw.Elapsed.TotalMilliseconds;
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (ms >= 1 || bytes >= 1_000_000) Console.WriteLine($"{rule.Id} {rule.GetType().Name,-40} {ms,8:N1} ms {bytes / 1e6,8:N1} MB {sink.Count,6} findings");
            sink.Clear();
        }
    }
}

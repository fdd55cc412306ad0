using System;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Benchmarks;

/// <summary>
/// The hostile shapes: one statement of 200,000 actions, one of 16,000 resources, with repeats and wildcards that
/// cover some entries (PC1031's work). Target: each linted with every rule in at most 1 s — every rule is linear or
/// n·log n in its input.
/// </summary>
[MemoryDiagnoser]
public class HugePolicyLint
{
    private readonly string _actions = HugePolicies.Actions(200_000);
    private readonly string _resources = HugePolicies.Resources(16_000);
    private readonly LintEngine _engine = LintEngine.CreateDefault(Inputs.EmbeddedCatalog.Load);
    private readonly GatewayConfig _config = new GatewayConfig();

    [Benchmark]
    public int Actions200k() => HugePolicies.Lint(_engine, _config, _actions);

    [Benchmark]
    public int Resources16k() => HugePolicies.Lint(_engine, _config, _resources);
}

public static class HugePolicies
{
    private static readonly string[] Services = { "s3", "ec2", "iam", "dynamodb", "lambda", "aws-external-anthropic", "sqs", "sns" };

    /// <summary>n actions over a few services: mostly distinct, every 50th repeated, every 1000th a wildcard.</summary>
    public static string Actions(int n)
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[");
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(',');
            string service = Services[i % Services.Length];
            if (i % 1000 == 999) sb.Append('"').Append(service).Append(":Get").Append(i % 7).Append("*\"");
            else if (i % 50 == 49) sb.Append('"').Append(service).Append(":Get").Append(i - 8).Append('"');
            else sb.Append('"').Append(service).Append(":Get").Append(i).Append('"');
        }
        return sb.Append("],\"Resource\":\"*\"}]}").ToString();
    }

    /// <summary>n workspace and bucket ARNs: mostly distinct, some repeated, some covered by a wildcard ARN.</summary>
    public static string Resources(int n)
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"aws-external-anthropic:CreateInference\",\"Resource\":[");
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(',');
            if (i % 500 == 499) sb.Append("\"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_").Append(i % 9).Append("*\"");
            else if (i % 40 == 39) sb.Append("\"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_").Append(i - 3).Append('"');
            else sb.Append("\"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_").Append(i).Append('"');
        }
        return sb.Append("]}]}").ToString();
    }

    public static int Lint(LintEngine engine, GatewayConfig config, string policy)
    {
        var role = new RoleGroup("huge");
        role.Documents.Add(PolicyReader.Read("huge.json", policy, DocumentKind.Permission));
        return engine.Lint(new[] { role }, config).Count;
    }

    /// <summary>Stopwatch figures for CI logs: the whole lint and the slowest rules on each shape.</summary>
    public static void Quick()
    {
        var config = new GatewayConfig();
        foreach (var (name, text) in new[] { ("200,000 actions", Actions(200_000)), ("16,000 resources", Resources(16_000)) })
        {
            var engine = LintEngine.CreateDefault(Inputs.EmbeddedCatalog.Load);
            double first = 0, best = double.MaxValue, read = 0;
            int found = 0;
            for (int run = 0; run < 6; run++)
            {
                var sw = Stopwatch.StartNew();
                var doc = PolicyReader.Read("huge.json", text, DocumentKind.Permission);
                double r = sw.Elapsed.TotalMilliseconds;
                var role = new RoleGroup("huge");
                role.Documents.Add(doc);
                found = engine.Lint(new[] { role }, config).Count;
                double total = sw.Elapsed.TotalMilliseconds;
                if (run == 0) first = total;
                else if (total < best) (best, read) = (total, r);
            }
            Console.WriteLine($"huge policy, {name}: {best:N0} ms warm (read {read:N0} ms), {first:N0} ms the first time, {found:N0} finding(s) (target: warm <= 1,000 ms)");
        }
    }

    /// <summary>Each rule alone on each shape: where the time goes.</summary>
    public static void PerRule()
    {
        var config = new GatewayConfig();
        foreach (var (name, text) in new[] { ("actions", Actions(200_000)), ("resources", Resources(16_000)) })
        {
            var doc = PolicyReader.Read("huge.json", text, DocumentKind.Permission);
            var role = new RoleGroup("huge");
            role.Documents.Add(doc);
            foreach (var rule in AllRules.Create())
            {
                var engine = LintEngine.CreateDefault(Inputs.EmbeddedCatalog.Load, d => d.Id == rule.Id);
                engine.Lint(new[] { role }, config);
                var sw = Stopwatch.StartNew();
                engine.Lint(new[] { role }, config);
                if (sw.Elapsed.TotalMilliseconds > 10) Console.WriteLine($"{name,-10} {rule.Id} {rule.GetType().Name,-34} {sw.Elapsed.TotalMilliseconds,8:N1} ms");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Model;
using PolicyCheck.Rules;

namespace PolicyCheck.Benchmarks;

/// <summary>Lint of a 50-statement mixed-service policy with the catalogue loaded (target: ≤ 5 ms warm).</summary>
[MemoryDiagnoser]
public class MixedPolicyLint
{
    private readonly string _policy = Mixed.Policy();
    private readonly LintEngine _engine = Mixed.Engine();

    [Benchmark]
    public int Lint() => Mixed.Run(_engine, _policy);
}

public static class Mixed
{
    public static LintEngine Engine() => LintEngine.CreateDefault(EmbeddedCatalog.Load);

    public static string Policy()
    {
        string[] actions = { "s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "dynamodb:Query", "logs:PutLogEvents", "kms:Decrypt", "sqs:SendMessage", "sns:Publish", "lambda:InvokeFunction", "ec2:Describe*" };
        string[] resources = { "arn:aws:s3:::bucket-{0}/*", "arn:aws:s3:::bucket-{0}/*", "arn:aws:dynamodb:us-west-2:123456789012:table/t{0}", "arn:aws:dynamodb:us-west-2:123456789012:table/t{0}", "arn:aws:logs:us-west-2:123456789012:log-group:g{0}:*", "arn:aws:kms:us-west-2:123456789012:key/k{0}", "arn:aws:sqs:us-west-2:123456789012:q{0}", "arn:aws:sns:us-west-2:123456789012:t{0}", "arn:aws:lambda:us-west-2:123456789012:function:f{0}", "*" };
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 48; i++)
        {
            int k = i % actions.Length;
            if (i > 0) sb.Append(',');
            sb.Append("{\"Sid\":\"S").Append(i).Append("\",\"Effect\":\"Allow\",\"Action\":[\"").Append(actions[k]).Append("\"],\"Resource\":\"")
              .Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, resources[k], i)).Append("\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-west-2\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");
        }
        sb.Append(",{\"Sid\":\"Claude\",\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:CreateInference\",\"aws-external-anthropic:CountTokens\"],\"Resource\":\"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/*\"}");
        sb.Append(",{\"Sid\":\"Tls\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
        return sb.ToString();
    }

    public static int Run(LintEngine engine, string policy)
    {
        var role = new RoleGroup("r");
        role.Documents.Add(PolicyReader.Read("mixed.json", policy));
        return engine.Lint(new[] { role }, new GatewayConfig()).Count;
    }

    public static void Quick()
    {
        var load = Stopwatch.StartNew();
        var catalog = EmbeddedCatalog.Load();
        load.Stop();
        var engine = Engine();
        string policy = Policy();
        int findings = Run(engine, policy);
        for (int i = 0; i < 20; i++) Run(engine, policy);
        var times = new List<double>();
        for (int i = 0; i < 50; i++)
        {
            var sw = Stopwatch.StartNew();
            Run(engine, policy);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"catalogue: first load {load.Elapsed.TotalMilliseconds:N0} ms ({catalog.ServiceCount} services); lint of a 50-statement mixed-service policy: median {times[times.Count / 2]:N2} ms warm ({findings} findings; target <= 5 ms)");
    }
}

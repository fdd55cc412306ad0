using System;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyCheck.Evaluation;
using PolicyCheck.Model;

namespace PolicyCheck.Benchmarks;

/// <summary>Evaluator decisions (targets: ≥ 1,000,000/s single statement, ≥ 100,000/s on 50 statements, no allocation).</summary>
[MemoryDiagnoser]
public class EvaluatorDecisions
{
    private readonly PolicySet _single = Decisions.Single();
    private readonly PolicySet _fifty = Decisions.Fifty();
    private readonly EvalRequest _request = Decisions.Request();

    [Benchmark]
    public Decision SingleStatement() => Evaluator.Decide(_single, _request);

    [Benchmark]
    public Decision FiftyStatements() => Evaluator.Decide(_fifty, _request);

    private readonly PolicySet _fiftyDepends = Decisions.FiftyDepends();
    private readonly EvalRequest _unknownRequest = Decisions.UnknownRequest();

    /// <summary>The same 50 statements with the allowing one conditioned on aws:SourceIp, unknown offline (target ≥ 200,000/s).</summary>
    [Benchmark]
    public Decision FiftyStatementsDepends() => Evaluator.Decide(_fiftyDepends, _unknownRequest);
}

public static class Decisions
{
    public const string Workspace = "arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_01";

    public static PolicySet Single() => new PolicySet
    {
        Identity = new[] { PolicyReader.Read("one.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:CreateInference\",\"aws-external-anthropic:CountTokens\"],\"Resource\":\"arn:aws:aws-external-anthropic:*:123456789012:workspace/*\"}]}") },
    };

    /// <summary>50 statements across services with conditions; the allowing one is last, a conditional Deny is in the middle.</summary>
    public static PolicySet Fifty() => new PolicySet { Identity = new[] { PolicyReader.Read("fifty.json", FiftyText()) } };

    private static string FiftyText()
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        string[] services = { "s3", "dynamodb", "logs", "kms", "sqs", "sns", "lambda", "ec2" };
        for (int i = 0; i < 49; i++)
        {
            string svc = services[i % services.Length];
            sb.Append(i == 0 ? "" : ",");
            if (i == 25)
            {
                sb.Append("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
                continue;
            }
            sb.Append("{\"Sid\":\"S").Append(i).Append("\",\"Effect\":\"Allow\",\"Action\":[\"").Append(svc).Append(":Get*\",\"").Append(svc).Append(":List*\"],\"Resource\":\"arn:aws:")
              .Append(svc).Append(":us-west-2:123456789012:thing/").Append(i).Append("/*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-west-2\"}}}");
        }
        sb.Append(",{\"Effect\":\"Allow\",\"Action\":\"aws-external-anthropic:*Inference\",\"Resource\":\"arn:aws:aws-external-anthropic:*:123456789012:workspace/*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-west-2\"}}}]}");
        return sb.ToString();
    }

    /// <summary><see cref="Fifty"/> with the allowing statement conditioned on aws:SourceIp.</summary>
    public static PolicySet FiftyDepends() => new PolicySet
    {
        Identity = new[]
        {
            PolicyReader.Read("fifty-depends.json", FiftyText().Replace("\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-west-2\"}}}]}",
                "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-west-2\"},\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}")),
        },
    };

    /// <summary>The gateway's request with aws:SourceIp on it but unknown offline.</summary>
    public static EvalRequest UnknownRequest() => new EvalRequest("aws-external-anthropic:CreateInference", Workspace,
        CallerPrincipal.Parse("arn:aws:sts::123456789012:assumed-role/PortkeyRole/s"),
        new RequestContext().Set("aws:SecureTransport", "true").Set("aws:RequestedRegion", "us-west-2").SetUnknown("aws:SourceIp").SetUnknown("aws:PrincipalTag/*", mayBeAbsent: true));

    public static EvalRequest Request() => new EvalRequest("aws-external-anthropic:CreateInference", Workspace,
        CallerPrincipal.Parse("arn:aws:sts::123456789012:assumed-role/PortkeyRole/s"),
        new RequestContext().Set("aws:SecureTransport", "true").Set("aws:RequestedRegion", "us-west-2"));

    /// <summary>Stopwatch figures for the README: decisions/s (best of 5) and bytes allocated per decision.</summary>
    public static void Quick()
    {
        Report("single statement", Single(), 2_000_000, 1_000_000);
        Report("50 statements", Fifty(), 300_000, 100_000);
        Report("50 statements, depends on aws:SourceIp", FiftyDepends(), 300_000, 200_000, UnknownRequest(), Decision.Depends);
    }

    private static void Report(string name, PolicySet set, int n, int target, EvalRequest? given = null, Decision expected = Decision.Allowed)
    {
        var request = given ?? Request();
        if (Evaluator.Decide(set, request) != expected) throw new InvalidOperationException($"benchmark policy does not give {expected}");
        for (int i = 0; i < n / 10; i++) Evaluator.Decide(set, request);
        double best = double.MaxValue;
        long bytes = 0;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++) Evaluator.Decide(set, request);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Console.WriteLine($"evaluator, {name}: {n / best:N0} decisions/s, {(double)bytes / n:N1} bytes allocated per decision (target >= {target:N0}/s)");
    }
}

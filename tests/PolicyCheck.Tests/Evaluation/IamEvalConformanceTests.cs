using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Inputs.Simulation;
using Xunit;

namespace PolicyCheck.Tests.Evaluation;

/// <summary>
/// ../shared/conformance/iam-eval/cases.jsonl: minimal requests with the decision AWS documents (each line names the
/// page). Every line runs through the `simulate --batch` reader; the evaluator must return its "expect".
/// </summary>
public sealed class IamEvalConformanceTests
{
    public static string CasesFile => Path.GetFullPath(Path.Combine(Lint.Repo, "..", "shared", "conformance", "iam-eval", "cases.jsonl"));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var line in File.ReadAllLines(CasesFile))
        {
            if (line.Trim().Length == 0) continue;
            var node = JsonNode.Parse(line)!.AsObject();
            yield return new object[] { node["id"]!.GetValue<string>(), line };
        }
    }

    /// <summary>The case without its four descriptive keys, as the README of the suite says.</summary>
    private static string Request(string line, out string expect)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        expect = node["expect"]!.GetValue<string>();
        foreach (var k in new[] { "id", "title", "expect", "why" }) node.Remove(k);
        return node.ToJsonString();
    }

    [Fact]
    public void Suite_IsThere()
    {
        Assert.True(File.Exists(CasesFile), CasesFile);
        Assert.True(Cases().Count() >= 21);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_GetsTheDecisionAwsDocuments(string id, string line)
    {
        string request = Request(line, out string expect);
        Assert.True(Simulator.TryParseBatchLine(request, 1, out var set, out var req, out string? error), $"{id}: {error}");
        var result = Evaluator.Evaluate(set!, req!);
        Assert.True(expect == Proofs.DecisionName(result.Decision), $"{id}: expected {expect}, got {Proofs.DecisionName(result.Decision)} ({result.Reason})");
        // The allocation-free path agrees with the traced one.
        Assert.Equal(result.Decision, Evaluator.Decide(set!, req!));
    }

    [Fact]
    public void Batch_TakesExpectAndId_AndReportsEachMiss()
    {
        var lines = Cases().Select(c =>
        {
            var node = JsonNode.Parse((string)c[1])!.AsObject();
            node.Remove("title");
            node.Remove("why");
            return node.ToJsonString();
        }).ToList();
        // One line with a wrong expectation must be reported by its id.
        var wrong = JsonNode.Parse(lines[0])!.AsObject();
        wrong["id"] = "mine-1";
        wrong["expect"] = "allowed";
        lines.Add(wrong.ToJsonString());
        var output = new StringWriter();
        var summary = PolicyCheck.Cli.Output.BatchSimulation.Run(new StringReader(string.Join("\n", lines)), output);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(new[] { "mine-1" }, summary.Mismatches);
        var outLines = output.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Count, outLines.Length);
        using var first = JsonDocument.Parse(outLines[0]);
        Assert.Equal("C1", first.RootElement.GetProperty("id").GetString());
        Assert.True(first.RootElement.GetProperty("expectMet").GetBoolean());
        using var last = JsonDocument.Parse(outLines[^1]);
        Assert.False(last.RootElement.GetProperty("expectMet").GetBoolean());
    }

    [Fact]
    public void Batch_RejectsAnUnknownExpectation_AndStillRejectsUnknownKeys()
    {
        var output = new StringWriter();
        var summary = PolicyCheck.Cli.Output.BatchSimulation.Run(new StringReader(
            """
                {"policies":[],"action":"s3:GetObject","expect":"maybe"}
                {"policies":[],"action":"s3:GetObject","title":"x"}
                """), output);
        Assert.Equal(2, summary.Errors);
        Assert.Contains("\\\"expect\\\" must be one of", output.ToString());
        Assert.Contains("unknown key \\\"title\\\"", output.ToString());
    }

    [Fact]
    public void Cli_Batch_ExitsOneOnAMissedExpectation()
    {
        using var dir = new TempDir();
        string ok = """{"id":"a","expect":"implicitDeny","policies":[],"action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}""";
        string miss = """{"id":"b","expect":"allowed","policies":[],"action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}""";
        Assert.Equal(0, CliRunner.Run(new[] { "simulate", "--batch", dir.Write("ok.jsonl", ok) }).Exit);
        var (exit, _, err) = CliRunner.Run(new[] { "simulate", "--batch", dir.Write("miss.jsonl", ok + "\n" + miss) });
        Assert.Equal(1, exit);
        Assert.Contains("""missed their "expect": b""", err);
    }
}

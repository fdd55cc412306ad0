using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PolicyCheck.Cli.Output;
using PolicyCheck.Secrets;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>simulate --batch reads bytes: lines, their ends, byte-order marks and bytes that are not UTF-8.</summary>
public sealed class BatchSimulationTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Claude","Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"*"}]}""";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"pk-batch-7f3a9c2e"}}}]}""";

    private static string Line(string id, string action = "aws-external-anthropic:CreateInference") =>
        "{\"id\":\"" + id + "\",\"policies\":[" + Policy + "],\"action\":\"" + action + "\"}";

    /// <summary>A batch of every kind of line end and blank line, a line across the 64 KiB read blocks, text beyond ASCII and a secret.</summary>
    private static string Batch()
    {
        var sb = new StringBuilder("\uFEFF");
        sb.Append(Line("lf")).Append('\n');
        sb.Append(Line("crlf")).Append("\r\n");
        sb.Append(Line("cr")).Append('\r');
        sb.Append("\n   \t\n \u00a0 \n");
        sb.Append(Line("caf\u00e9-😀")).Append('\n');
        sb.Append("{\"resourcePolicy\":").Append(Trust).Append(",\"action\":\"sts:AssumeRole\",\"principal\":\"arn:aws:iam::299329113195:role/portkey-app\",\"context\":{\"sts:ExternalId\":\"pk-batch-7f3a9c2e\"}}\n");
        while (Encoding.UTF8.GetByteCount(sb.ToString()) < 65536 - 40) sb.Append(Line("fill-" + sb.Length)).Append('\n');
        sb.Append(Line("across-the-block-" + new string('x', 200))).Append("\r\n");
        sb.Append(Line("last"));
        return sb.ToString();
    }

    private static string ThroughBytes(byte[] input)
    {
        var bytes = new MemoryStream();
        using (var output = new MaskingWriter(new Utf8Output(bytes), new SecretMask())) BatchSimulation.Run(new MemoryStream(input), output);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [Fact]
    public void Bytes_AndText_GiveTheSameAnswers_LineForLine()
    {
        string batch = Batch();
        string viaText = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: batch).Out;
        string viaBytes = ThroughBytes(Encoding.UTF8.GetBytes(batch));
        Assert.Equal(viaText.Replace("\r\n", "\n"), viaBytes);
        var answers = viaBytes.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // Every request line once, in order; blank lines (spaces, tabs, a no-break space) get no answer.
        int requests = batch.Split('\n').SelectMany(l => l.Split('\r')).Count(l => l.TrimStart('\uFEFF').Trim().Length > 0);
        Assert.Equal(requests, answers.Count);
        Assert.Equal(new[] { "lf", "crlf", "cr", "caf\u00e9-😀" }, answers.Take(4).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("allowed", answers[4].GetProperty("decision").GetString());
        Assert.DoesNotContain("pk-batch-7f3a9c2e", viaBytes);
        Assert.StartsWith("across-the-block-", answers[^2].GetProperty("id").GetString());
        Assert.Equal("last", answers[^1].GetProperty("id").GetString());
        Assert.All(answers, a => Assert.Equal("allowed", a.GetProperty("decision").GetString()));
        // Line numbers count "\r\n" as one line end, and "\r" and "\n" alone as one each.
        var physical = System.Text.RegularExpressions.Regex.Split(batch, "\r\n|\r|\n");
        int lastNo = System.Array.FindIndex(physical, l => l.Contains("\"last\"")) + 1;
        Assert.Equal($"line {lastNo}: policies[0]", answers[^1].GetProperty("matchedStatements")[0].GetProperty("sourcePolicyId").GetString());
        Assert.Equal("line 3: policies[0]", answers[2].GetProperty("matchedStatements")[0].GetProperty("sourcePolicyId").GetString());
    }

    [Fact]
    public void AnswersLongerThanAChunksFirstBuffers_ComeOutWholeAndInOrder()
    {
        // 600 lines whose answers (each repeats its 2,000-character id) pass the chunk's first buffers several times
        // over, a line of 300 KB, trust-policy lines with an external ID, and answers with a key to mask (their id):
        // each answer is whole, in order, and masked.
        var sb = new StringBuilder();
        var ids = new System.Collections.Generic.List<string>();
        for (int i = 0; i < 600; i++)
        {
            string id = i == 300 ? "big-" + new string('b', 300_000) : $"n{i:D4}-" + new string('x', 2000);
            if (i % 97 == 5)
            {
                ids.Add(id);
                sb.Append("{\"id\":\"").Append(id).Append("\",\"resourcePolicy\":").Append(Trust)
                  .Append(",\"action\":\"sts:AssumeRole\",\"principal\":\"arn:aws:iam::299329113195:role/portkey-app\",\"context\":{\"sts:ExternalId\":\"pk-batch-7f3a9c2e\"}}\n");
            }
            else if (i % 89 == 7)
            {
                ids.Add($"n{i:D4}-****");
                sb.Append(Line($"n{i:D4}-sk-ant-api03-" + new string('k', 2000))).Append('\n');
            }
            else
            {
                ids.Add(id);
                sb.Append(Line(id)).Append('\n');
            }
        }
        string output = ThroughBytes(Encoding.UTF8.GetBytes(sb.ToString()));
        var answers = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(ids, answers.Select(a => a.GetProperty("id").GetString()));
        Assert.All(answers, a => Assert.Equal("allowed", a.GetProperty("decision").GetString()));
        Assert.DoesNotContain("pk-batch-7f3a9c2e", output);
        Assert.DoesNotContain("sk-ant-", output);
    }

    [Fact]
    public void LineThatIsNotUtf8_GetsAnError_TheOthersAnAnswer()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(Line("a") + "\n" + Line("b\u00e9") + "\n" + Line("c") + "\n");
        int bad = System.Array.IndexOf(bytes, (byte)0xC3);
        bytes[bad] = 0xFF;
        var path = dir.WriteBytes("batch.jsonl", bytes);
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--batch", path });
        Assert.Equal(2, exit);
        var lines = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("a", JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString());
        int column = "{\"id\":\"b".Length + 1;
        Assert.Equal($"line 2, column {column}: not valid UTF-8 (byte 0xFF); a batch is UTF-8 JSON lines", JsonDocument.Parse(lines[1]).RootElement.GetProperty("error").GetString());
        Assert.Equal("c", JsonDocument.Parse(lines[2]).RootElement.GetProperty("id").GetString());
        Assert.Contains("1 request(s) rejected", err);
    }

    [Fact]
    public void LineRepeatingKnownPolicies_ThatIsNotUtf8_NamesTheColumn_AndNonAsciiTextKeepsItsColumns()
    {
        // A known line is decoded around its policies; where the rest is not UTF-8 the whole line is read, and says where.
        string policy = Policy.Replace("Claude", "C" + System.Guid.NewGuid().ToString("N"));
        byte[] Bytes(string id) => Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"policies\":[" + policy + "],\"action\":\"aws-external-anthropic:CreateInference\"}");
        Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(Bytes("first"), 1, out _, out _, out var none, out _), none);
        var bad = Bytes("b\u00e9");
        bad[System.Array.IndexOf(bad, (byte)0xC3)] = 0xFF;
        Assert.False(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(bad, 2, out _, out _, out var error, out _));
        Assert.Equal("line 2, column 9: not valid UTF-8 (byte 0xFF); a batch is UTF-8 JSON lines", error);
        // Text beyond ASCII before the policies: the statement's column counts characters, not bytes.
        Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(Bytes("\u00e9\u00e9😀"), 3, out var set, out _, out var e3, out _), e3);
        string text = Encoding.UTF8.GetString(Bytes("\u00e9\u00e9😀"));
        var doc = set!.Identity![0];
        Assert.Equal(text.IndexOf("{\"Sid\"", System.StringComparison.Ordinal) + 1, doc.InFile(doc.Statements[0].Span).Column);
        // Text beyond ASCII in the policies: what follows them keeps its column in characters.
        string wide = "{\"policies\":[" + policy.Replace("\"Resource\":\"*\"", "\"Resource\":\"arn:aws:s3:::caf\u00e9-😀\"") + "],\"action\":";
        Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(Encoding.UTF8.GetBytes(wide + "\"s3:GetObject\"}"), 4, out _, out _, out var e4, out _), e4);
        Assert.False(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(Encoding.UTF8.GetBytes(wide + "7}"), 5, out _, out _, out var e5, out _));
        Assert.Equal($"line 5, column {wide.Length + 1}: \"action\" must be a non-empty string", e5);
    }

    /// <summary>A line with {P} (policies), {R} (a trust policy) and {A} (the action) in place, as written.</summary>
    /// <summary>A policy whose decision turns on context values of each kind.</summary>
    private const string Conditioned = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"aws-external-anthropic:CreateInference","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/24"},"NumericEquals":{"n":"12"},"Bool":{"t":"true"},"ForAllValues:StringEquals":{"many":["a","1","true"]},"StringEquals":{"kü":"ü😀"}}}]}""";

    private static string Known(string line, string action, string pad = "") => line
        .Replace("{P}", "\"policies\":[" + Policy + "]")
        .Replace("{C}", "\"policies\":[" + Conditioned + "]")
        .Replace("{R}", "\"resourcePolicy\":" + Trust)
        .Replace("{A}", "\"" + action + "\"" + pad);

    public static TheoryData<string> PlainLines => new()
    {
        """{"id":"plain",{P},"action":{A}}""",
        """{{P},"action":{A},"resource":"arn:aws:aws-external-anthropic:us-west-2:111122223333:workspace/wrkspc_1","principal":"arn:aws:iam::111122223333:role/portkey","expect":"allowed","id":"all"}""",
        """{{P},"action":{A},"context":{"aws:SourceIp":"10.0.0.7","n":12,"f":-1.5e3,"t":true,"no":false,"many":["a",1,true],"none":[],"aws:sourceip":"10.0.0.8"}}""",
        """{"id":"café-😀",{P},"action":{A},"context":{"kü":"ü😀"},"expect":"allowed"}""",
        "{ \"id\" : \"spaced\" ,\t{P} , \"action\" : {A} }",
        """{"action":{A},"expect":"allowed",{P}}""",
        """{{R},"action":{A},"principal":"arn:aws:iam::299329113195:role/portkey-app","context":{"sts:ExternalId":"pk-batch-7f3a9c2e"}}""",
        """{{C},"action":{A},"context":{"aws:SourceIp":"10.0.0.7","n":12,"t":true,"many":["a",1,true],"kü":"ü😀"},"expect":"allowed"}""",
        """{{C},"action":{A},"context":{"aws:SourceIp":"10.0.0.7","aws:sourceip":"192.0.2.1","n":12,"t":true,"many":["a",1,true],"kü":"ü😀"},"expect":"denied"}""",
        """{{C},"action":{A},"context":{"aws:SourceIp":"10.0.0.7","n":12,"t":false,"many":["a",1],"kü":"ü😀"}}""",
        """{{P},"resourcePolicy":null,"sessionPolicy":""" + Policy + ""","boundaries":[""" + Policy + """],"scps":[""" + Policy + """,""" + Policy + """],"rcps":[],"action":{A}}""",
    };

    [Theory]
    [MemberData(nameof(PlainLines))]
    public void LineRepeatingKnownPolicies_GetsTheAnswerTheFullReaderGives(string line)
    {
        // The same line after one with its policies, once plain (read straight from its bytes) and once with an escape in
        // its action (the same text; read by the full reader): the answers must be the same, byte for byte.
        const string action = "aws-external-anthropic:CreateInference";
        // Five spaces after the plain action keep what follows it in the same columns as after the escaped one.
        string plain = Known(line, action, pad: "     "), escaped = Known(line, "\\u0061" + action.Substring(1));
        string Second(string l) => ThroughBytes(Encoding.UTF8.GetBytes(plain + "\n" + l + "\n")).Split('\n')[1];
        string viaBytes = Second(plain), viaReader = Second(escaped);
        Assert.DoesNotContain("\"error\"", viaBytes);
        Assert.Contains("\"decision\"", viaBytes);
        Assert.Equal(viaReader, viaBytes);
        Assert.DoesNotContain("pk-batch-7f3a9c2e", viaBytes);
        // Where a line says what to expect, the decision is it (the context values were read as written).
        Assert.DoesNotContain("\"expectMet\":false", viaBytes);
    }

    [Theory]
    [InlineData("""{{P},"action":{A},"id":5}""", "5", "\"id\" must be a non-empty string")]
    [InlineData("""{{P},"action":{A},"color":"red"}""", "\"color\"", "unknown key \"color\" (known: policies, resourcePolicy, boundaries, scps, rcps, sessionPolicy, action, resource, principal, context, id, expect)")]
    [InlineData("""{{P},"action":{A},"context":{"k":null}}""", "null", "the context value of k must be a string, number, boolean or array")]
    [InlineData("""{{P},"action":{A},"context":{"k":[{}]}}""", "{}", "context values of k must be strings, numbers or booleans")]
    [InlineData("""{{P},"action":{A},"context":[]}""", "[]", "\"context\" must be an object of key: value or [values]")]
    [InlineData("""{{P},"action":{A},"expect":"maybe"}""", "\"maybe\"", "\"expect\" must be one of allowed, denied, explicitDeny, implicitDeny, depends, not \"maybe\"")]
    [InlineData("""{{P},"action":""}""", "\"\"", "\"action\" must be a non-empty string")]
    [InlineData("""{{P},"action":{A},"context":{"k":"v"x}}""", "x}", "unexpected character 'x': ',' or '}' was expected (missing comma?)")]
    [InlineData("""{"id":"\u00e9\u00e9",{P},"action":7}""", "7", "\"action\" must be a non-empty string")]
    public void LineRepeatingKnownPolicies_WithAnError_GetsTheFullReadersError(string line, string at, string error)
    {
        // The error names the column (in characters) where the line goes wrong.
        string text = Known(line, "aws-external-anthropic:CreateInference");
        string first = Known("""{{P},"action":{A}}""", "aws-external-anthropic:CreateInference");
        var answers = ThroughBytes(Encoding.UTF8.GetBytes(first + "\n" + text + "\n")).Split('\n');
        Assert.Contains("\"decision\"", answers[0]);
        Assert.Equal($"line 2, column {text.LastIndexOf(at, System.StringComparison.Ordinal) + 1}: {error}", JsonDocument.Parse(answers[1]).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void LineRepeatingKnownPolicies_WithoutAction_IsAnError()
    {
        string first = Known("""{{P},"action":{A}}""", "aws-external-anthropic:CreateInference");
        var answers = ThroughBytes(Encoding.UTF8.GetBytes(first + "\n" + Known("""{{P}}""", "") + "\n")).Split('\n');
        Assert.Equal("line 2: \"action\" is required", JsonDocument.Parse(answers[1]).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void ManyChunks_AreAnsweredInOrder_AndALineTooLongEndsTheRun_AfterTheLinesBeforeIt()
    {
        // Chunks are evaluated on every core and written in order, a slow one before the quick ones after it; the read
        // that fails comes after every answer before it.
        var batch = new StringBuilder();
        for (int i = 1; i <= 2600; i++)
        {
            string action = i % 3 == 0 ? "aws-external-anthropic:DeleteWorkspace" : "aws-external-anthropic:CreateInference";
            // The first chunk's lines each have their own policies (each parsed and checked): it takes longest.
            batch.Append(i <= 200 ? "{\"id\":\"" + i + "\",\"policies\":[" + Policy.Replace("Claude", "C" + i) + "],\"action\":\"" + action + "\"}" : Line(i.ToString(), action)).Append('\n');
        }
        batch.Append('{').Append(' ', BatchSimulation.MaxLineBytes + 1).Append("}\n");
        batch.Append(Line("after")).Append('\n');
        var bytes = new MemoryStream();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            using var output = new MaskingWriter(new Utf8Output(bytes), new SecretMask());
            BatchSimulation.Run(new MemoryStream(Encoding.UTF8.GetBytes(batch.ToString())), output);
        });
        Assert.Equal("line 2601 is longer than 4 MiB; a batch line is one request", error.Message);
        var answers = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, 2600).Select(i => i.ToString()), answers.Select(a => a.GetProperty("id").GetString()));
        Assert.All(answers, a => Assert.Equal(int.Parse(a.GetProperty("id").GetString()!) % 3 == 0 ? "implicitDeny" : "allowed", a.GetProperty("decision").GetString()));
    }

    [Fact]
    public void BatchGivenAsText_WithLoneSurrogates_AnswersEachSuchLineWithAnError_AndTheRestAsUsual()
    {
        // A caller's reader may hold text that has no UTF-8: each such line is an error naming its column (nothing
        // is replaced), a pair split across the reader's 16,384-character blocks is one character, and the lines
        // around are answered.
        string first = Line("a");
        var text = new StringBuilder();
        text.Append(first).Append('\n');
        string padded = Line(new string('y', 16384 - first.Length - 1 - 7 - 1) + "\uD83D\uDE00z"); // the pair's halves at 16,383 and 16,384
        text.Append(padded).Append('\n');
        text.Append(Line("high\uD800alone")).Append('\n');
        text.Append(Line("low\uDC00alone")).Append('\n');
        text.Append(Line("b")).Append('\n');
        text.Append("{\"id\":\"end\uD83D");
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: text.ToString());
        var answers = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, answers.Count);
        Assert.Equal("a", answers[0].GetProperty("id").GetString());
        Assert.EndsWith("\uD83D\uDE00z", answers[1].GetProperty("id").GetString());
        Assert.Equal("line 3, column 12: not valid UTF-8 (byte 0xED); a batch is UTF-8 JSON lines", answers[2].GetProperty("error").GetString());
        Assert.Equal("line 4, column 11: not valid UTF-8 (byte 0xED); a batch is UTF-8 JSON lines", answers[3].GetProperty("error").GetString());
        Assert.Equal("b", answers[4].GetProperty("id").GetString());
        Assert.Equal("line 6, column 11: not valid UTF-8 (byte 0xED); a batch is UTF-8 JSON lines", answers[5].GetProperty("error").GetString());
        Assert.DoesNotContain("\uFFFD", output);
        Assert.NotEqual(0, exit);
        Assert.Contains("3", err);
    }

    [Fact]
    public void LineGivenAsText_WithALoneSurrogate_IsAnError_NamingTheColumn()
    {
        // Text has UTF-8 only where its surrogates pair up: a lone one is reported, not replaced.
        string line = "{\"id\":\"a\uD800b\",\"policies\":[" + Policy + "],\"action\":\"a:b\"}";
        Assert.False(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(line, 3, out _, out _, out var error));
        Assert.Equal("line 3, column 9: a lone surrogate (U+D800) is not text", error);
        Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(line.Replace("\uD800", "\uD83D\uDE00"), 4, out _, out _, out var none), none);
    }

    [Fact]
    public void ConsecutiveLines_EachHaveTheirOwnCaller()
    {
        // A thread keeps its last parsed caller for the next line with the same principal text, and only for it.
        string Line(string principal) => "{\"policies\":[" + Policy + "],\"action\":\"aws-external-anthropic:CreateInference\",\"principal\":\"" + principal + "\"}";
        string[] principals = { "arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/a", "arn:aws:sts::444455556666:assumed-role/b/s", "111122223333" };
        var seen = new System.Collections.Generic.List<PolicyCheck.Evaluation.CallerPrincipal>();
        for (int i = 0; i < principals.Length; i++)
        {
            Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(Line(principals[i]), i + 1, out _, out var request, out var error), error);
            seen.Add(request!.Principal!);
        }
        Assert.Equal(new[] { "arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:role/b", "arn:aws:iam::111122223333:root" }, seen.Select(p => p.PrincipalArn));
        Assert.Equal("444455556666", seen[2].Account);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    public void Utf16Batch_IsNamed_NotReadAsGarbage(byte[] mark)
    {
        using var dir = new TempDir();
        var text = Encoding.GetEncoding(mark[0] == 0xFF ? "utf-16LE" : "utf-16BE").GetBytes(Line("a") + "\n");
        var path = dir.WriteBytes("batch.jsonl", mark.Concat(text).ToArray());
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--batch", path });
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("batch.jsonl: UTF-16 or UTF-32 text (it starts with a byte order mark); a batch is UTF-8 JSON lines", err);
    }

    [Fact]
    public void TraceWrittenFromTheResult_IsTheTraceOfItsLines()
    {
        // A batch writes each trace line straight from the result: the same lines as Proofs.Unmasked, notes and
        // "depends on" included.
        var allow = PolicyCheck.Model.PolicyReader.Read("p.json", """{"Version":"2012-10-17","Statement":[{"Sid":"Ip","Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""");
        var rcp = PolicyCheck.Model.PolicyReader.Read("r.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]}""", PolicyCheck.Model.DocumentKind.Resource);
        foreach (var (set, action) in new[] { (new PolicyCheck.Evaluation.PolicySet { Identity = new[] { allow } }, "aws-external-anthropic:CreateInference"),
            (new PolicyCheck.Evaluation.PolicySet { Identity = new[] { allow }, Rcps = new[] { rcp } }, "sqs:SendMessage") })
        {
            var request = new PolicyCheck.Evaluation.EvalRequest(action, "*", PolicyCheck.Evaluation.CallerPrincipal.Parse("arn:aws:iam::111122223333:role/r"), new PolicyCheck.Evaluation.RequestContext().SetUnknown("aws:SourceIp"));
            var result = new PolicyCheck.Inputs.Simulation.SimulationResult(request, PolicyCheck.Evaluation.Evaluator.Evaluate(set, request));
            string Json(System.Collections.Generic.IReadOnlyList<string>? trace)
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                using (var w = new Utf8JsonWriter(buffer)) SimulationOutput.WriteJson(w, result, includeRequest: true, trace);
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
            var lines = PolicyCheck.Engine.Proofs.Unmasked(result.Result, request);
            Assert.True(lines.Exists(l => l.StartsWith(set.Rcps.Count > 0 ? "note: resource control policies" : "depends on: aws:SourceIp", System.StringComparison.Ordinal)), string.Join("\n", lines));
            Assert.Equal($"request: {action} on * by arn:aws:iam::111122223333:role/r", lines[0]);
            Assert.Equal($"decision: {PolicyCheck.Engine.Proofs.DecisionName(result.Result.Decision)} ({result.Result.Reason})", lines[1]);
            Assert.Equal(result.Result.Notes.Select(n => "note: " + n).Concat(new[] { "depends on: " + string.Join(", ", result.Result.DependsOn) }), lines.Skip(2).Take(result.Result.Notes.Count + 1));
            Assert.Equal(result.Result.Trace.Select(t => t.ToString()), lines.Skip(3 + result.Result.Notes.Count));
            Assert.Equal(Json(lines), Json(null));
        }
    }

    private sealed class FullDisk : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }

    [Fact]
    public void Utf8Output_ThatCannotWrite_FailsOnce_AndLetsTheErrorBeReported()
    {
        // A full disk or a closed pipe: the write fails with the reason, and the flush on the way out does not fail again.
        var w = new Utf8Output(new FullDisk(), 64);
        var failed = Assert.Throws<IOException>(() =>
        {
            w.Write(new string('x', 100));
            w.WriteUtf8Line(Encoding.UTF8.GetBytes(new string('y', 100)));
            w.Flush();
        });
        Assert.Equal("No space left on device", failed.Message);
        w.Flush();
        w.Dispose();
    }

    [Fact]
    public void BatchWhoseOutputCannotBeWritten_FailsWithTheReason_AndStopsReading()
    {
        // The worker that writes fails; the others stop (none waits for a turn that will not come) and the run fails with it.
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20000).Select(i => Line("x" + i) + "\n"))));
        var failed = Assert.Throws<IOException>(() => BatchSimulation.Run(input, new MaskingWriter(new Utf8Output(new FullDisk(), 4096), new SecretMask())));
        Assert.Equal("No space left on device", failed.Message);
        Assert.True(input.Position < input.Length / 2, $"read {input.Position} of {input.Length} bytes after the output failed");
    }

    [Fact]
    public void Utf8Output_WritesText_AndBytes_InOrder_WithSurrogatesSplitAcrossWrites()
    {
        var bytes = new MemoryStream();
        using (var w = new Utf8Output(bytes, 64))
        {
            w.Write("caf\u00e9 ");
            w.Write('\uD83D');
            w.Write('\uDE00');
            w.WriteLine();
            w.Write("before-bytes ");
            w.WriteUtf8Line(Encoding.UTF8.GetBytes("{\"\u00e9\":1}"));
            w.WriteUtf8Line(Encoding.UTF8.GetBytes(new string('z', 200)));
            w.Write(new string('\u00e9', 100));
        }
        Assert.Equal("caf\u00e9 😀\nbefore-bytes {\"\u00e9\":1}\n" + new string('z', 200) + "\n" + new string('\u00e9', 100), Encoding.UTF8.GetString(bytes.ToArray()));
    }
}

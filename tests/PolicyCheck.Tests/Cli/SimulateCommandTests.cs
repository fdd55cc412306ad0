using System.Linq;
using System.Text.Json;
using Xunit;

namespace PolicyCheck.Tests.Cli;

public sealed class SimulateCommandTests
{
    private const string Ws1 = "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_01";
    private const string Ws2 = "arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_02";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/PortkeyRole/s";
    private const string Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Claude\",\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:CreateInference\",\"aws-external-anthropic:CountTokens\"],\"Resource\":\"" + Ws1 + """
        "},
        {"Sid":"NoDelete","Effect":"Deny","Action":"aws-external-anthropic:Delete*","Resource":"*"}]}
        """;
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"pk-7f3a9c2e"}}}]}""";

    [Fact]
    public void CrossProduct_InJson_WithAwsVocabulary()
    {
        using var dir = new TempDir();
        var p = dir.Write("p.json", Policy);
        var (exit, output, _) = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "aws-external-anthropic:CreateInference", "--action", "aws-external-anthropic:DeleteFile",
            "--resource", Ws1, "--resource", Ws2, "--principal", Session, "--format", "json" });
        Assert.Equal(0, exit);
        var results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        string Decision(string action, string resource) => results.Single(r => r.GetProperty("action").GetString() == action && r.GetProperty("resource").GetString() == resource).GetProperty("decision").GetString()!;
        Assert.Equal("allowed", Decision("aws-external-anthropic:CreateInference", Ws1));
        Assert.Equal("implicitDeny", Decision("aws-external-anthropic:CreateInference", Ws2));
        Assert.Equal("explicitDeny", Decision("aws-external-anthropic:DeleteFile", Ws1));
        var allowed = results.First(r => r.GetProperty("decision").GetString() == "allowed");
        Assert.Equal(Session, allowed.GetProperty("principal").GetString());
        var matched = allowed.GetProperty("matchedStatements").EnumerateArray().Single();
        Assert.Equal("Claude", matched.GetProperty("sid").GetString());
        Assert.Equal(1, matched.GetProperty("startPosition").GetProperty("line").GetInt32());
        var deny = results.First(r => r.GetProperty("decision").GetString() == "explicitDeny").GetProperty("matchedStatements").EnumerateArray().Single();
        Assert.Equal("NoDelete", deny.GetProperty("sid").GetString());
        Assert.Equal(2, deny.GetProperty("startPosition").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Expect_SetsTheExitCode()
    {
        using var dir = new TempDir();
        var p = dir.Write("p.json", Policy);
        string[] Args(string expect, string action) => new[] { "simulate", "--policy", p, "--action", action, "--resource", Ws1, "--expect", expect };
        Assert.Equal(0, CliRunner.Run(Args("allowed", "aws-external-anthropic:CountTokens")).Exit);
        Assert.Equal(1, CliRunner.Run(Args("allowed", "aws-external-anthropic:DeleteFile")).Exit);
        Assert.Equal(0, CliRunner.Run(Args("denied", "aws-external-anthropic:DeleteFile")).Exit);
        Assert.Equal(0, CliRunner.Run(Args("explicitDeny", "aws-external-anthropic:DeleteFile")).Exit);
        Assert.Equal(1, CliRunner.Run(Args("implicitDeny", "aws-external-anthropic:DeleteFile")).Exit);
    }

    [Fact]
    public void Text_ShowsDecisionAndTrace()
    {
        using var dir = new TempDir();
        var p = dir.Write("p.json", Policy);
        var (_, output, _) = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "aws-external-anthropic:CreateInference", "--resource", Ws2 });
        Assert.StartsWith("implicitDeny", output);
        Assert.Contains("trace:", output);
        Assert.Contains("resource did not match", output);
    }

    [Fact]
    public void Trust_RightWrongAndNoExternalId_SecretNotPrinted()
    {
        using var dir = new TempDir();
        var t = dir.Write("trust.json", Trust);
        string[] Args(params string[] ctx) => new[] { "simulate", "--trust", t, "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/r",
            "--principal", "arn:aws:sts::299329113195:assumed-role/portkey-app/s", "--format", "json" }.Concat(ctx.SelectMany(c => new[] { "--context", c })).ToArray();
        string Decide(params string[] ctx)
        {
            var (exit, output, err) = CliRunner.Run(Args(ctx));
            Assert.Equal(0, exit);
            Assert.DoesNotContain("pk-7f3a9c2e-wrong", output + err);
            return JsonDocument.Parse(output).RootElement.GetProperty("results")[0].GetProperty("decision").GetString()!;
        }
        Assert.Equal("allowed", Decide("sts:ExternalId=pk-7f3a9c2e"));
        Assert.Equal("implicitDeny", Decide("sts:ExternalId=pk-7f3a9c2e-wrong"));
        Assert.Equal("implicitDeny", Decide());
    }

    [Fact]
    public void TypedContext_IsChecked()
    {
        using var dir = new TempDir();
        var p = dir.Write("p.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"NumericLessThan":{"n":"5"}}}]}""");
        var ok = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject", "--context", "aws:SourceIp:ip=10.1.2.3", "--context", "n:numeric=3", "--expect", "allowed" });
        Assert.Equal(0, ok.Exit);
        var bad = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject", "--context", "aws:SourceIp:ip=10.1.2" });
        Assert.Equal(2, bad.Exit);
        Assert.Contains("not an IP address", bad.Err);
        var badDate = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject", "--context", "aws:CurrentTime:date=tomorrow" });
        Assert.Equal(2, badDate.Exit);
        Assert.Contains("ISO 8601", badDate.Err);
        var noEquals = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject", "--context", "aws:SourceIp" });
        Assert.Equal(2, noEquals.Exit);
    }

    [Fact]
    public void MultivaluedContext_FromRepeats()
    {
        using var dir = new TempDir();
        var p = dir.Write("p.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}}]}""");
        Assert.Equal(0, CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "x:Y", "--context", "aws:TagKeys=team", "--context", "aws:TagKeys=env", "--expect", "allowed" }).Exit);
        Assert.Equal(1, CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "x:Y", "--context", "aws:TagKeys=team", "--context", "aws:TagKeys=owner", "--expect", "allowed" }).Exit);
    }

    [Fact]
    public void BadPolicy_NamesFileAndLine()
    {
        using var dir = new TempDir();
        var p = dir.Write("bad.json", """
            {
            "Statement": [
              {"Effect": "Allow",, }
            ]}
            """);
        var (exit, _, err) = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject" });
        Assert.Equal(2, exit);
        Assert.Contains("bad.json(3,", err);
    }

    [Fact]
    public void APolicyIamRejects_GetsItsErrorWithPosition_AndNoDecision()
    {
        using var dir = new TempDir();
        const string policy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*",
            "Condition":{"StringEqual":{"k":"v"}}}]}
            """;
        var p = dir.Write("p.json", policy);
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--policy", p, "--action", "s3:GetObject", "--context", "k=v" });
        Assert.Equal(2, exit);
        Assert.Contains("(2,14): error PC1018", err);
        Assert.Contains("no decision", err);
        Assert.Equal(string.Empty, output);
        // The same request in a batch: an error for that line, never "allowed".
        string line = """{"policies": [""" + policy.Replace("\n", " ") + """], "action": "s3:GetObject", "context": {"k": "v"}}""";
        var batch = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: line + "\n");
        Assert.Contains("\"error\"", batch.Out);
        Assert.Contains("PC1018", batch.Out);
        Assert.DoesNotContain("allowed", batch.Out);
        // The nearest safe variant: the operator spelled right decides (the Deny applies).
        var fixedPolicy = dir.Write("p.json", policy.Replace("StringEqual\"", "StringEquals\""));
        var ok = CliRunner.Run(new[] { "simulate", "--policy", fixedPolicy, "--action", "s3:GetObject", "--context", "k=v" });
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.StartsWith("explicitDeny", ok.Out);
    }

    [Fact]
    public void MissingInputs_AreUsageErrors()
    {
        Assert.Equal(2, CliRunner.Run(new[] { "simulate", "--action", "s3:GetObject" }).Exit);
        using var dir = new TempDir();
        var p = dir.Write("p.json", Policy);
        Assert.Equal(2, CliRunner.Run(new[] { "simulate", "--policy", p }).Exit);
        Assert.Equal(2, CliRunner.Run(new[] { "simulate", "--policy", dir.Path + "/missing.json", "--action", "a:b" }).Exit);
    }

    [Fact]
    public void Batch_OneLineOutPerLineIn_ErrorsInPlace()
    {
        string ok = """{"policies":[""" + Policy.Replace("\n", "") + "],\"action\":\"aws-external-anthropic:CreateInference\",\"resource\":\"" + Ws1 + "\",\"principal\":\"" + Session + "\"}";
        string deny = """{"policies":[""" + Policy.Replace("\n", "") + "],\"action\":\"aws-external-anthropic:DeleteFile\",\"resource\":\"" + Ws1 + "\"}";
        string trust = """{"resourcePolicy":""" + Trust + ""","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/r","principal":"arn:aws:sts::299329113195:assumed-role/portkey-app/s","context":{"sts:ExternalId":"pk-7f3a9c2e"}}""";
        string multi = """{"policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}}]}],"action":"a:b","context":{"aws:TagKeys":["team","env"]}}""";
        string broken = """{"policies": [""";
        string unknown = """{"policy":[],"action":"a:b"}""";
        string input = string.Join("\n", ok, deny, broken, trust, unknown, multi) + "\n";
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: input);
        Assert.Equal(2, exit);
        var lines = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        string D(int i) => JsonDocument.Parse(lines[i]).RootElement.GetProperty("decision").GetString()!;
        Assert.Equal("allowed", D(0));
        Assert.Equal("explicitDeny", D(1));
        Assert.Contains("line 3", JsonDocument.Parse(lines[2]).RootElement.GetProperty("error").GetString());
        Assert.Equal("allowed", D(3));
        Assert.Contains("unknown key \"policy\"", JsonDocument.Parse(lines[4]).RootElement.GetProperty("error").GetString());
        Assert.Equal("allowed", D(5));
        Assert.DoesNotContain("pk-7f3a9c2e\"", lines[3].Replace("\\\"", "\""));
        Assert.Contains("2 request(s) rejected", err);
    }

    [Fact]
    public void Batch_LinesSharingPolicies_EachGetTheirOwnVerdict_AtTheirOwnPositions()
    {
        // The grammar's verdict on a policy text is remembered; an invalid one is reported on every line, at its place.
        string policy = Policy.Replace("\n", "");
        string bad = policy.Replace("\"Effect\":\"Allow\"", "\"Effect\":\"Alow\"");
        string Line(string p, string pad) => "{\"id\":\"" + pad + "\",\"policies\":[" + p + "],\"action\":\"aws-external-anthropic:CreateInference\",\"resource\":\"" + Ws1 + "\"}";
        string input = string.Join("\n", Line(policy, "a"), Line(bad, "b"), Line(policy, "c"), Line(bad, "dddd"), Line(bad, "b")) + "\n";
        var (exit, output, _) = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: input);
        Assert.Equal(2, exit);
        var lines = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("allowed", JsonDocument.Parse(lines[0]).RootElement.GetProperty("decision").GetString());
        Assert.Equal("allowed", JsonDocument.Parse(lines[2]).RootElement.GetProperty("decision").GetString());
        string E(int i) => JsonDocument.Parse(lines[i]).RootElement.GetProperty("error").GetString()!;
        int column = Line(bad, "b").IndexOf("\"Alow\"", System.StringComparison.Ordinal) + 1;
        Assert.StartsWith($"line 2: line 2: policies[0](1,{column}) PC1008", E(1));
        Assert.StartsWith($"line 4: line 4: policies[0](1,{column + 3}) PC1008", E(3));
        Assert.StartsWith($"line 5: line 5: policies[0](1,{column}) PC1008", E(4));
    }

    [Fact]
    public void Batch_AnswersEveryLineInItsOrder_AcrossChunks_WithLineNumbersAndExpectations()
    {
        // 2,600 requests are evaluated in chunks (of 512 lines) on every core: the answers still come in the lines' order.
        string policy = Policy.Replace("\n", "");
        var input = new System.Text.StringBuilder();
        for (int i = 0; i < 2600; i++)
        {
            if (i % 97 == 0) input.Append("   \r\n"); // blank lines count as lines and get no answer
            if (i % 50 == 7)
            {
                input.Append("{\"id\":\"r").Append(i).Append("\",\"policies\":[").Append(policy).Append("]}\r\n"); // no action
                continue;
            }
            string action = i % 3 == 0 ? "DeleteFile" : "CreateInference";
            string expect = i == 301 ? "denied" : i % 3 == 0 ? "explicitDeny" : "allowed";
            input.Append("{\"id\":\"r").Append(i).Append("\",\"expect\":\"").Append(expect).Append("\",\"policies\":[").Append(policy)
                .Append("],\"action\":\"aws-external-anthropic:").Append(action).Append("\",\"resource\":\"").Append(Ws1).Append("\"}").Append(i % 2 == 0 ? "\n" : "\r\n");
        }
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: input.ToString());
        Assert.Equal(2, exit);
        var lines = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2600, lines.Length);
        int fileLine = 0;
        for (int i = 0; i < 2600; i++)
        {
            if (i % 97 == 0) fileLine++;
            fileLine++;
            var root = JsonDocument.Parse(lines[i]).RootElement;
            if (i % 50 == 7)
            {
                Assert.Equal($"line {fileLine}: \"action\" is required", root.GetProperty("error").GetString());
                continue;
            }
            Assert.Equal("r" + i, root.GetProperty("id").GetString());
            Assert.Equal(i % 3 == 0 ? "explicitDeny" : "allowed", root.GetProperty("decision").GetString());
            Assert.Equal(i != 301, root.GetProperty("expectMet").GetBoolean());
        }
        Assert.Contains("52 request(s) rejected", err);
        Assert.Contains("1 decision(s) missed their \"expect\": r301", err);
    }

    [Theory]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"aws-external-anthropic:CreateInference\",\"resource\":\"W\"", true)]
    [InlineData("\"policies\" : [ {P} , {P} ] ", ",\"action\":\"aws-external-anthropic:DeleteFile\",\"resource\":\"W\",\"expect\":\"allowed\"", true)]
    [InlineData("\"policies\":[{P}],\"resourcePolicy\":null,\"boundaries\":[{P}],\"scps\":[]", ",\"action\":\"aws-external-anthropic:CountTokens\",\"resource\":\"W\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\"}", true)]
    [InlineData("\"sessionPolicy\":{P},\"policies\":[{P}]", ",\"action\":\"aws-external-anthropic:CreateInference\",\"resource\":\"W\"", true)]
    [InlineData("\"resourcePolicy\":{T}", ",\"action\":\"sts:AssumeRole\",\"resource\":\"arn:aws:iam::111122223333:role/r\",\"principal\":\"arn:aws:sts::299329113195:assumed-role/portkey-app/s\",\"context\":{\"sts:ExternalId\":\"pk-7f3a9c2e\"}", true)]
    [InlineData("\"policies\":[{P}]", ",\"actoin\":\"a:b\"", false)]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"a:b\",\"context\":{\"k\":{}}", false)]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"a:b\",\"resource\":7", false)]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"a:b\"  ,", true)]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"a:b\"}  x", false)]
    [InlineData("\"policies\":[{P}]", ",\"action\":\"a:b\",\"policies\":[]", true)]
    public void Batch_LineRepeatingKnownPolicies_IsAnsweredAsIfReadAlone(string policies, string rest, bool decides)
    {
        // A line whose policies an earlier line had shares their parsed models; its answer must not show it.
        string sid = "S" + System.Guid.NewGuid().ToString("N");
        string policy = Policy.Replace("\n", "").Replace("\"Sid\":\"Claude\"", "\"Sid\":\"" + sid + "\"");
        string members = policies.Replace("{P}", policy).Replace("{T}", Trust.Replace("\"Effect\"", "\"Sid\":\"" + sid + "\",\"Effect\""));
        string line = "{\"id\":\"case-1\"," + members + rest.Replace("\"W\"", "\"" + Ws1 + "\"") + "}";
        string prime = "{\"id\":\"another-case\"," + members + ",\"action\":\"a:b\"}";
        string Answer(string input, int index) => CliRunner.Run(new[] { "simulate", "--batch", "-" }, stdin: input).Out.Split('\n')[index];
        string alone = Answer(line + "\n", 0);
        Assert.Equal(decides, alone.Contains("\"decision\"", System.StringComparison.Ordinal));
        string repeated = Answer(prime + "\n" + line + "\n", 1);
        Assert.Equal(alone.Replace("line 1", "line 2"), repeated);
        Assert.Equal(repeated, Answer(prime + "\n" + line + "\n", 1));
    }

    [Fact]
    public void Batch_LinesWithTheSamePolicies_ShareOneModel_OtherPoliciesDoNot()
    {
        string sid = "S" + System.Guid.NewGuid().ToString("N");
        string policy = Policy.Replace("\n", "").Replace("\"Sid\":\"Claude\"", "\"Sid\":\"" + sid + "\"");
        string Line(string id, string p) => "{\"id\":\"" + id + "\",\"policies\":[" + p + "],\"action\":\"a:b\"}";
        PolicyCheck.Model.PolicyDocument First(string l, int no)
        {
            Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(l, no, out var set, out _, out var error), error);
            return set!.Identity![0];
        }
        First(Line("a", policy), 1);
        var second = First(Line("bb", policy), 2);
        var third = First(Line("ccc", policy), 3);
        Assert.Same(second.Root, third.Root);
        Assert.Equal("line 3: policies[0]", third.Path);
        Assert.Equal(second.Statements[0].Span.Column, third.Statements[0].Span.Column);
        Assert.Equal(Line("ccc", policy).IndexOf("{\"Sid\"", System.StringComparison.Ordinal) + 1, third.InFile(third.Statements[0].Span).Column);
        var other = First(Line("ccc", policy.Replace(sid, sid + "x")), 4);
        Assert.NotSame(third.Root, other.Root);
    }

    [Fact]
    public void Batch_LineAfterOneWithOtherPolicyKeys_IsNotTakenForIt()
    {
        // A thread compares a line's policies with the last line's first: the same texts under other keys, or a
        // value that only starts with the last one's, must be read for what they are.
        string sid = "S" + System.Guid.NewGuid().ToString("N");
        string p = Policy.Replace("\n", "").Replace("\"Sid\":\"Claude\"", "\"Sid\":\"" + sid + "\"");
        PolicyCheck.Evaluation.PolicySet Set(string members, int no)
        {
            string l = "{\"id\":\"x\"," + members + ",\"action\":\"aws-external-anthropic:CreateInference\"}";
            Assert.True(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine(l, no, out var set, out _, out var error), error);
            return set!;
        }
        Set("\"policies\":[" + p + "]", 1);
        var shared = Set("\"policies\":[" + p + "]", 2);
        var more = Set("\"policies\":[" + p + "],\"boundaries\":[" + p + "]", 3);
        Assert.Single(more.Boundaries);
        var fewer = Set("\"policies\":[" + p + "]", 4);
        Assert.Empty(fewer.Boundaries);
        Assert.Same(shared.Identity![0].Root, fewer.Identity![0].Root);
        var two = Set("\"policies\":[" + p + "," + p + "]", 5);
        Assert.Equal(2, two.Identity!.Count);
        Set("\"policies\":[" + p + "],\"resourcePolicy\":null", 6);
        Set("\"policies\":[" + p + "],\"resourcePolicy\":null", 7);
        Assert.False(PolicyCheck.Inputs.Simulation.Simulator.TryParseBatchLine("{\"policies\":[" + p + "],\"resourcePolicy\":nullx,\"action\":\"a:b\"}", 8, out _, out _, out var bad));
        Assert.Contains("line 8", bad);
    }
}

/// <summary>simulate --trust without --resource: a role's trust decides for that role, never "*".</summary>
public sealed class SimulateTrustResourceTests
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole"}]}""";

    [Fact]
    public void RoleArnFromTheConfig_ElseAnExample()
    {
        using var dir = new TempDir();
        var t = dir.Write("role/trust.json", Trust);
        var (exit, output, err) = CliRunner.Run(new[] { "simulate", "--trust", t, "--action", "sts:AssumeRole", "--principal", "arn:aws:iam::999999999999:user/mallory", "--expect", "implicitDeny" });
        Assert.Equal(0, exit);
        Assert.Contains("arn:aws:iam::111122223333:role/", output);
        Assert.Contains("an example account", err);
        dir.Write("policycheck.yml", "gateway:\n  roleArn: arn:aws:iam::123456789012:role/portkey-claude\n");
        var (_, withConfig, err2) = CliRunner.Run(new[] { "simulate", "--trust", t, "--action", "sts:AssumeRole", "--principal", "arn:aws:iam::123456789012:user/alice" });
        Assert.StartsWith("implicitDeny  sts:AssumeRole on arn:aws:iam::123456789012:role/portkey-claude", withConfig);
        Assert.Contains("gateway.roleArn", err2);
    }
}

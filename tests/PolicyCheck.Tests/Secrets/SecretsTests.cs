using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PolicyCheck.Secrets;
using PolicyCheck.Tests.Aws;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>No command prints a secret: not from the environment, the config, the credentials, nor a server's answer.</summary>
public sealed class SecretsTests
{
    // "+" is what System.Text.Json escapes as \u002B, "/" and "=" what URL encoding changes, ":" what GitHub escapes.
    private const string ExternalId = "ext+SECRET/4242=ab:cdef";
    private const string AnthropicKey = "sk-ant-api03-FAKEKEYFAKEKEYFAKEKEY";

    private static readonly string[] Secrets =
    {
        FakeAws.SecretKey, FakeAws.SessionToken, VerifyWorld.PortkeyKey, VerifyWorld.ExternalId, ExternalId, ExternalId + "-settings", AnthropicKey, "ASSUMEDSECRET", "ASSUMEDTOKEN",
    };

    /// <summary>A secret as each output layer could write it, encoded here independently of the mask.</summary>
    private static IEnumerable<string> Forms(string s)
    {
        yield return s;
        yield return System.Text.Json.JsonSerializer.Serialize(s).Trim('"');
        yield return System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(s);
        yield return Uri.EscapeDataString(s);
        yield return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s));
        yield return System.Security.SecurityElement.Escape(s);
        yield return System.Security.SecurityElement.Escape(s).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // As a message quotes a value with control characters (\u000d), and that in XML.
        string printable = string.Concat(s.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
        yield return printable;
        yield return System.Security.SecurityElement.Escape(printable);
    }

    private static void AssertClean(string what, string text)
    {
        foreach (var s in Secrets)
        {
            foreach (var form in Forms(s)) Assert.False(text.Contains(form, StringComparison.Ordinal), $"{what} printed a secret ({s.Substring(0, 6)}…, as {form.Substring(0, 6)}…):\n{text}");
        }
        Assert.DoesNotContain("AWS4-HMAC-SHA256 Credential=", text);
    }

    [Fact]
    public void EveryCommand_KeepsSecretsOut()
    {
        using var world = new VerifyWorld();
        world.Env["ANTHROPIC_API_KEY"] = AnthropicKey;
        // Servers that echo what they were sent, secrets included.
        world.ClaudeOverride = r => new FakeResponse { Status = 403, ContentType = "application/json", Body = """{"message":"bad request; Authorization: """ + r.Headers.GetValueOrDefault("Authorization") + "; x-amz-security-token: " + r.Headers.GetValueOrDefault("X-Amz-Security-Token") + "\"}" };
        world.PortkeyOverride = r => new FakeResponse { Status = 500, ContentType = "application/json", Body = """{"error":"upstream failed for key """ + r.Headers.GetValueOrDefault("x-portkey-api-key") + " sk-ant-api03-LEAKEDLEAKEDLEAKED\"}" };
        world.IamOverride = r => r.Form.GetValueOrDefault("Action") == "GetOutboundWebIdentityFederationInfo"
            ? FakeAws.IamError("AccessDenied", "not allowed with secret " + FakeAws.SecretKey, 403) : null;
        Func<string, string?> env = n => world.Env.TryGetValue(n, out var v) ? v : null;

        using var dir = new TempDir();
        dir.Write("policycheck.yml", "gateway:\n  externalId:\n    value: " + ExternalId + "\n");
        dir.Write("trust.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + ExternalId + """-old","aws:PrincipalAccount":"1"}}}]}""");
        // Settings that disagree with policycheck.yml: the finding says so without either value.
        dir.Write("portkey.yml", "externalId: \"" + ExternalId + "-settings\"\nroleArn: arn:aws:iam::111122223333:role/portkey-claude-platform-role\n");
        string report = Path.Combine(dir.Path, "report.sarif");
        // A weak operator --fix rewrites on the line that holds the external ID: the diff must not show it.
        dir.Write("weak/trust.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEqualsIfExists\":{\"sts:ExternalId\":\"" + ExternalId + "\"}}}]}");

        var runs = new List<string[]>
        {
            new[] { "lint", dir.Path, "--verbose" },
            new[] { "lint", dir.Path, "--format", "json", "--verbose" },
            new[] { "lint", dir.Path, "--format", "sarif", "--verbose", "--output", report },
            new[] { "lint", dir.Path, "--format", "github" },
            new[] { "lint", Path.Combine(dir.Path, "weak"), "--fix", "--dry-run" },
            new[] { "lint", Path.Combine(dir.Path, "weak"), "--fix", "--dry-run", "--format", "json" },
            new[] { "explain", "PC3008" },
            new[] { "rules" },
            new[] { "simulate", "--trust", Path.Combine(dir.Path, "trust.json"), "--action", "sts:AssumeRole", "--principal", "arn:aws:sts::299329113195:assumed-role/portkey-app/s", "--context", "sts:ExternalId=" + ExternalId + "-old", "--format", "json" },
            new[] { "simulate", "--trust", Path.Combine(dir.Path, "trust.json"), "--action", "sts:AssumeRole", "--principal", "arn:aws:sts::299329113195:assumed-role/portkey-app/s", "--context", "sts:ExternalId=wrong" },
            new[] { "lint", dir.Path, "--settings", Path.Combine(dir.Path, "portkey.yml"), "--format", "json" },
            new[] { "lint", dir.Path, "--settings", Path.Combine(dir.Path, "portkey.yml"), "--format", "github" },
            world.Args("--format", "json", "--stage", "assume", "--stage", "call", "--stage", "portkey", "--stage", "federation", "--stage", "role"),
            world.Args("--stage", "call", "--stage", "portkey"),
            world.Args("--format", "sarif"),
        };
        foreach (var args in runs)
        {
            var (_, output, err) = CliRunner.Run(args, env, cwd: dir.Path);
            AssertClean(string.Join(" ", args.Take(3)), output + err);
        }
        var batch = CliRunner.Run(new[] { "simulate", "--batch", "-" }, env, cwd: dir.Path,
            stdin: """{"resourcePolicy":""" + File.ReadAllText(Path.Combine(dir.Path, "trust.json")) + ",\"action\":\"sts:AssumeRole\",\"principal\":\"arn:aws:iam::299329113195:role/portkey-app\",\"context\":{\"sts:ExternalId\":\"" + ExternalId + "-old\"}}\n");
        AssertClean("simulate --batch", batch.Out + batch.Err);
        AssertClean("lint --output", File.ReadAllText(report));
        // The Claude fake really did receive the secrets, so the masking above is what kept them out.
        Assert.Contains(world.Claude.Requests, r => r.Headers.GetValueOrDefault("X-Amz-Security-Token")?.Length > 0);
    }

    private static string NoEchoTemplate(string value, bool noEcho) =>
        "{\"Parameters\":{\"P\":{\"Type\":\"String\",\"NoEcho\":" + (noEcho ? "true" : "false") + ",\"Default\":" + System.Text.Json.JsonSerializer.Serialize(value) + "}},"
        + "\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[]},"
        + "\"Policies\":[{\"PolicyName\":\"p\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":{\"Ref\":\"P\"},\"Resource\":\"*\"}]}}]}}}}";

    [Theory]
    [InlineData("BeforeColonSecret:AfterColonSecret", "BeforeColonSecret")]
    [InlineData("FirstLineSecret\nSecondLine:Secret", "FirstLineSecret")]
    [InlineData("Pct%Secret:Value", "Pct%Secret")]
    [InlineData("Amp&Secret<Value>", "Amp&Secret<Value>")]
    [InlineData("Secret\r\nV1", "Secret\r\nV1")]
    public void NoEchoValues_StayOut_WholeOrInParts_InEveryFormat(string value, string part)
    {
        using var dir = new TempDir();
        dir.Write("secret.template.json", NoEchoTemplate(value, noEcho: true));
        dir.Write("open/open.template.json", NoEchoTemplate(value, noEcho: false));
        foreach (var format in new[] { "text", "json", "sarif", "github", "junit" })
        {
            var (_, output, err) = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "secret.template.json"), "--format", format }, cwd: dir.Path);
            string all = output + err;
            foreach (var form in Forms(part).Append(part.Replace("%", "%25", StringComparison.Ordinal)))
                Assert.False(all.Contains(form, StringComparison.Ordinal), $"{format} printed {form}:\n{all}");
            // The nearest safe variant: the same value without NoEcho is quoted (so the rule above did see it).
            var open = CliRunner.Run(new[] { "lint", Path.Combine(dir.Path, "open", "open.template.json"), "--format", format }, cwd: dir.Path);
            Assert.Contains("Secret", open.Out);
        }
    }

    [Fact]
    public void Simulate_NeverPrintsTheTrustPoliciesExternalId_EvenWithoutAConfig()
    {
        using var dir = new TempDir();
        const string real = "RealTrustSecretId";
        dir.Write("trust.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::299329113195:role/portkey-app"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"RealTrustSecretId"}}}]}""");
        string[] Args(string format) => new[] { "simulate", "--trust", Path.Combine(dir.Path, "trust.json"), "--action", "sts:AssumeRole", "--principal", "arn:aws:iam::299329113195:role/portkey-app", "--context", "sts:ExternalId=wrong", "--format", format };
        foreach (var format in new[] { "text", "json" })
        {
            var (_, output, err) = CliRunner.Run(Args(format), cwd: dir.Path);
            Assert.Contains("implicitDeny", output);
            Assert.Contains("sts:ExternalId", output);
            Assert.DoesNotContain(real, output + err);
        }
        var batch = CliRunner.Run(new[] { "simulate", "--batch", "-" }, cwd: dir.Path,
            stdin: """{"resourcePolicy":""" + File.ReadAllText(Path.Combine(dir.Path, "trust.json")) + ""","action":"sts:AssumeRole","principal":"arn:aws:iam::299329113195:role/portkey-app","context":{"sts:ExternalId":"wrong"}}""" + "\n");
        Assert.Contains("implicitDeny", batch.Out);
        Assert.DoesNotContain(real, batch.Out + batch.Err);
    }

    [Theory]
    [InlineData("DateEquals", "PC1019")]
    [InlineData("NumericEquals", "PC1019")]
    public void Simulate_PolicyIamRejects_NamesTheProblem_WithoutQuotingItsExternalId(string op, string rule)
    {
        // The grammar's message quotes the value it cannot read; when that value is the external ID it is masked.
        using var dir = new TempDir();
        const string real = "tenant-secret-77aa";
        string trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"" + op + "\":{\"sts:ExternalId\":\"" + real + "\"}}}]}";
        var path = dir.Write("trust.json", trust);
        var one = CliRunner.Run(new[] { "simulate", "--trust", path, "--action", "sts:AssumeRole", "--principal", "arn:aws:iam::299329113195:role/portkey-app" }, cwd: dir.Path);
        Assert.Equal(2, one.Exit);
        Assert.Contains("trust.json(1,", one.Err);
        Assert.Contains(rule, one.Err);
        Assert.DoesNotContain(real, one.Out + one.Err);
        var batch = CliRunner.Run(new[] { "simulate", "--batch", "-" }, cwd: dir.Path,
            stdin: "{\"resourcePolicy\":" + trust + ",\"action\":\"sts:AssumeRole\",\"principal\":\"arn:aws:iam::299329113195:role/portkey-app\"}\n");
        Assert.Equal(2, batch.Exit);
        Assert.Contains("line 1: resourcePolicy(1,", batch.Out);
        Assert.Contains(rule, batch.Out);
        Assert.DoesNotContain(real, batch.Out + batch.Err);
    }

    [Fact]
    public void Mask_CoversShapes_AndRegisteredValues()
    {
        var mask = new SecretMask();
        mask.Add("my-own-secret-value");
        string text = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc\n" +
                      "x-portkey-api-key: pk-123456789\n<SecretAccessKey>wJalr/EXAMPLE</SecretAccessKey><SessionToken>FwoG</SessionToken>\n" +
                      """{"SecretAccessKey": "abc/def"} sk-ant-api03-abcdefghijkl my-own-secret-value aws_secret_access_key=xyz123""";
        string masked = mask.Apply(text);
        foreach (var s in new[] { "Signature=abc", "pk-123456789", "wJalr/EXAMPLE", "FwoG", "abc/def", "sk-ant-api03-abcdefghijkl", "my-own-secret-value", "xyz123" })
            Assert.DoesNotContain(s, masked);
        Assert.Contains("x-portkey-api-key: ****", masked);
    }

    [Theory]
    [InlineData("X-API-KEY: pk-123456789", "pk-123456789")]
    [InlineData("{\"sessiontoken\":\"FwoGZXIvYXdz\"}", "FwoGZXIvYXdz")]
    [InlineData("AUTHORIZATION=Bearer eyJhbGciOi", "eyJhbGciOi")]
    [InlineData("x-api-\u212Aey: pk-123456789", "pk-123456789")] // a Kelvin sign: the expression's ignore-case, not ASCII's
    [InlineData("caf\u00e9 aws_session_token=IQoJb3JpZ2lu", "IQoJb3JpZ2lu")]
    public void Mask_FindsShapes_InAnyCase_AndBesideNonAsciiText(string text, string secret)
    {
        // Text is scanned for shapes only when it holds one of their words; the words must not miss what the expression finds.
        var masked = new SecretMask().Apply(text);
        Assert.DoesNotContain(secret, masked);
        Assert.Contains("****", masked);
    }

    /// <summary>Texts of <paramref name="fewest"/> to <paramref name="most"/> - 1 pieces, drawn from a seeded random: the same texts every run.</summary>
    private static IEnumerable<string> Texts(string[] pieces, int seed, int texts, int fewest, int most)
    {
        var random = new System.Random(seed);
        for (int n = 0; n < texts; n++)
        {
            var sb = new StringBuilder();
            int count = random.Next(fewest, most);
            for (int i = 0; i < count; i++) sb.Append(pieces[random.Next(pieces.Length)]);
            yield return sb.ToString();
        }
    }

    [Fact]
    public void Mask_MasksEveryShapeTheExpressionFinds_InRandomText()
    {
        // Apply scans for shapes only where one could start; on 30,000 texts made of the shapes' pieces it must mask
        // exactly what the expression alone masks.
        string[] pieces =
        {
            "authorization", "AUTHORIZATION", "Authorization", "x-api-key", "X-Api-KEY", "x-portkey-api-key", "x-amz-security-token", "aws_secret_access_key",
            "aws_session_token", "SecretAccessKey", "SessionToken", "secret_access_key", "session_token", "sk-ant-", "sk-ant-api03-abcdefgh", "Bearer ", "Basic ",
            "AWS4-HMAC-SHA256", "abcdefgh12", "key", "token", "\"", "'", " ", "\t", "\n", ":", "=", ">", "<", "</", ",", ";", "a", "s", "x", "\u212A", "\u00e9",
        };
        var shapes = new Regex(SecretMask.ShapePattern, RegexOptions.CultureInvariant);
        var mask = new SecretMask();
        int masked = 0;
        foreach (string text in Texts(pieces, seed: 20261203, texts: 30000, fewest: 1, most: 12))
        {
            string expected = shapes.Replace(text, "${k}" + SecretMask.Mask);
            Assert.Equal(expected, mask.Apply(text));
            if (expected != text) masked++;
        }
        Assert.True(masked > 1000, $"only {masked} texts held a shape");
    }

    [Fact]
    public void With_KeepsTheSecrets_ForChangesOnBytesToo()
    {
        // A copy with nothing more still knows the secrets it was made from: its byte check must not skip them.
        var mask = new SecretMask();
        mask.Add("s3cr-tenant-1234");
        var copy = mask.With(System.Array.Empty<string>());
        Assert.True(copy.Changes(Encoding.UTF8.GetBytes("{\"id\":\"s3cr-tenant-1234\"}")));
        Assert.Equal("{\"id\":\"****\"}", copy.Apply("{\"id\":\"s3cr-tenant-1234\"}"));
        Assert.False(new SecretMask().With(System.Array.Empty<string>()).Changes(Encoding.UTF8.GetBytes("{\"id\":\"s3cr-tenant-1234\"}")));
    }

    [Fact]
    public void Mask_FindsEveryShape_InLongJsonLikeText()
    {
        // Long texts full of separators (a batch answer's ARNs and JSON keys, most colons after a quote): the scan for
        // where a shape may start stops at each separator, and must miss none, wherever in the text it is.
        string[] pieces =
        {
            "\"policy\":", "\"deny\":", "arn:aws:iam::123456789012:role/x", "identity ", "any=", "Y>", "n:", "\"decision\":\"implicitDeny\",", "a", "bc",
            "key", "KEY", "token", "Authorization", "x-api-key", "aws_secret_access_key", "\"SessionToken\"", "<SessionToken>", "Bearer abc", "sk-ant-abcdefgh12",
            ":", "=", ">", "\"", "'", " ", "\t", "\u0001", "\n",
        };
        var shapes = new Regex(SecretMask.ShapePattern, RegexOptions.CultureInvariant);
        var mask = new SecretMask();
        int masked = 0, kept = 0;
        foreach (string text in Texts(pieces, seed: 20261208, texts: 20000, fewest: 5, most: 60))
        {
            string expected = shapes.Replace(text, "${k}" + SecretMask.Mask);
            Assert.Equal(expected, mask.Apply(text));
            bool changes = mask.Changes(text.AsSpan());
            Assert.Equal(changes, mask.Changes(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(shapes.IsMatch(text), changes);
            if (expected != text) masked++;
            else kept++;
        }
        Assert.True(masked > 1000 && kept > 1000, $"masked {masked}, kept {kept}");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(40, true)]
    [InlineData(3, false)]
    [InlineData(40, false)]
    public void Changes_IsFalse_OnlyWhereApplyChangesNothing(int secrets, bool withShort)
    {
        // A batch keeps an answer's bytes when Changes says no: on 30,000 texts, Apply must then give the text back
        // as it is, and whenever Apply masks something Changes must have said yes. Few secrets are searched for by
        // their first four characters, many (over 8 prefixes) at every place; "ab" is a short secret. With none, only
        // the shapes are looked for (in ASCII bytes as they are). The text's UTF-8 gets the same answer as the text, with
        // and without the short secret; each secret also comes cut short by its last character.
        var mask = new SecretMask();
        var known = Enumerable.Range(0, secrets).Select(i => $"s{i}cr-{i * 7919 % 1000:D3}-tenant").ToList();
        foreach (var k in known) mask.Add(k);
        if (secrets > 0 && withShort) mask.Add("ab");
        var pieces = known.Concat(known.Select(k => k.Substring(0, k.Length - 1) + "#")).Concat(new[] { "ab", "abc", "xab ", "s1cr-", "authorization", "token", "key", "x-api-key", ": ", "=", "\"", " ", "\u00e9", "Bearer z", "sk-ant-abcdefgh12", "tenant", "-" }).ToArray();
        int changed = 0, kept = 0;
        foreach (string text in Texts(pieces, seed: 20261207, texts: 30000, fewest: 1, most: 10))
        {
            string masked = mask.Apply(text);
            bool changes = mask.Changes(text.AsSpan());
            Assert.Equal(changes, mask.Changes(Encoding.UTF8.GetBytes(text)));
            if (!changes) Assert.Same(text, masked);
            if (masked != text)
            {
                Assert.True(changes, text);
                changed++;
            }
            else if (!changes) kept++;
        }
        Assert.True(changed > 1000 && kept > 1000, $"changed {changed}, kept {kept}");
    }

    [Fact]
    public void Mask_LeavesTextWithoutShapesOrSecrets_AsItIs()
    {
        const string text = "{\"decision\":\"allowed\",\"trace\":[\"Identity line 1: policies[0]:1 statement 1 [Allow] applies\"]} token: key";
        Assert.Same(text, new SecretMask().Apply(text));
    }

    [Fact]
    public void ThousandsOfSecrets_AreAllMasked_AndOneInsideAnother_IsMaskedWhole()
    {
        // A repository of 5,000 roles has 5,000 external IDs: each one masked wherever it is printed.
        var mask = new SecretMask();
        var ids = Enumerable.Range(0, 5000).Select(i => $"tenant-{i}-9f1c2e7a").ToList();
        foreach (var id in ids) mask.Add(id);
        mask.Add("tenant-7-9f1c2e7a-long-form");
        string text = string.Join(" | ", ids) + " | tenant-7-9f1c2e7a-long-form | tenant-x";
        string masked = mask.Apply(text);
        foreach (var id in ids) Assert.DoesNotContain(id, masked);
        Assert.Equal(string.Join(" | ", Enumerable.Repeat("****", 5001)) + " | tenant-x", masked);
    }

    [Fact]
    public void OverlappingSecrets_AreMaskedToTheEndOfTheLast()
    {
        // "zzab" matches first, but "abcd1234" starts inside it: no tail of either may be left.
        var mask = new SecretMask();
        mask.Add("zzab");
        mask.Add("abcd1234");
        mask.Add("1234wxyz");
        Assert.Equal("[****] [****] [****]", mask.Apply("[zzabcd1234] [zzabcd1234wxyz] [abcd1234wxyz]"));
    }

    [Fact]
    public void ShortSecrets_AreMaskedWhereTheyStandAlone_NotInsideWords()
    {
        var mask = new SecretMask();
        mask.Add("x7"); // IAM accepts a 2-character external ID
        string masked = mask.Apply("\"sts:ExternalId\": \"x7\" differs from \"ab\"; box7 and x7y stay; (x7)");
        Assert.Equal("\"sts:ExternalId\": \"****\" differs from \"ab\"; box7 and x7y stay; (****)", masked);
        mask.Add("q");
        Assert.Equal("q", mask.Apply("q")); // one character is no secret worth the noise
    }

    [Fact]
    public void MaskingWriter_MasksAcrossWrites()
    {
        var mask = new SecretMask();
        mask.Add("split-secret-123");
        var inner = new StringWriter();
        using (var w = new MaskingWriter(inner, mask))
        {
            w.Write("before split-se");
            w.Write("cret-123 after\nnext line");
        }
        Assert.Equal("before **** after\nnext line", inner.ToString());
    }

    [Fact]
    public void MaskingWriter_MasksWhateverFormTheTextComesIn()
    {
        // A secret split over a character, a char array, a span and a string; a line far longer than the writer's
        // first buffer; lines with no secret pass as written.
        var mask = new SecretMask();
        mask.Add("split-secret-123");
        var inner = new StringWriter();
        string longLine = new string('x', 5000) + " split-secret-123 " + new string('y', 3000);
        using (var w = new MaskingWriter(inner, mask))
        {
            w.Write("plain line\n");
            w.Write('s');
            w.Write("plit-".ToCharArray(), 0, 5);
            w.Write("secret-".AsSpan());
            w.Write("123\n" + longLine + "\nno secret\n");
            w.Write('\n');
            w.WriteLine("tail split-secret-123");
        }
        string expected = "plain line\n****\n" + longLine.Replace("split-secret-123", "****") + "\nno secret\n\ntail ****" + Environment.NewLine;
        Assert.Equal(expected, inner.ToString());
    }

    [Fact]
    public void AddAll_MasksWhatAddingEachMasks()
    {
        // Enough secrets to be worked out on every core, with repeats, a short one and one with a part of its own.
        var secrets = Enumerable.Range(0, 300).Select(i => $"tenant-{i}-9f1c2e7a").Concat(new[] { "tenant-7-9f1c2e7a", "ab", "svc:longer-part-here", "" }).ToList();
        var one = new SecretMask();
        foreach (var s in secrets) one.Add(s);
        var all = new SecretMask();
        all.AddAll(secrets);
        foreach (var s in secrets.Where(s => s.Length >= 2))
        {
            foreach (var form in SecretMask.Encodings(s))
            {
                string text = $"id {form} and ab, longer-part-here";
                Assert.Equal(one.Apply(text), all.Apply(text));
                Assert.DoesNotContain(s, all.Apply(text));
            }
        }
    }

    [Fact]
    public void AddAll_MasksALongerSecretWhole_WhereAShorterOneStartsIt()
    {
        // Thousands of IDs sharing their first characters, each with a longer one it starts, added in one batch and then one more.
        var secrets = Enumerable.Range(0, 2000).SelectMany(i => new[] { $"tenant-{i}-9f1c2e7a", $"tenant-{i}-9f1c2e7a-rotated-{i % 7}" }).ToList();
        var mask = new SecretMask();
        mask.AddAll(secrets);
        mask.Add("tenant-3-9f1c2e7a-rotated-3-again");
        Assert.Equal("x **** y", mask.Apply("x tenant-5-9f1c2e7a-rotated-5 y"));
        Assert.Equal("x **** y", mask.Apply("x tenant-1999-9f1c2e7a-rotated-4 y"));
        Assert.Equal("x ****, y", mask.Apply("x tenant-5-9f1c2e7a, y"));
        Assert.Equal("x **** y", mask.Apply("x tenant-3-9f1c2e7a-rotated-3-again y"));
        Assert.Equal("x ****-rotated-6 y", mask.Apply("x tenant-5-9f1c2e7a-rotated-6 y"));
    }

    [Theory]
    [InlineData("tenant-0-9f1c2e7a")]
    [InlineData("AKIA_EXAMPLE.key")]
    [InlineData("a")]
    [InlineData("with space")]
    [InlineData("quote\"and<tag>&amp;")]
    [InlineData("line\r\nbreak:part,comma%")]
    [InlineData("ünïcödé\u0001")]
    public void Encodings_AreEveryEncoding_EachOnce(string secret)
    {
        var every = SecretMask.EveryEncoding(secret).Distinct().OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(every, SecretMask.Encodings(secret).OrderBy(f => f, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(40)]
    public void Apply_MasksAsALongestFirstScanDoes_WithFewOrManyDistinctStarts(int distinct)
    {
        // Secrets with `distinct` different first four characters (their base64 forms add one): up to 8 are searched for, more checked everywhere.
        var random = new Random(distinct);
        var secrets = new List<string>();
        for (int i = 0; i < 60; i++)
        {
            string start = "k" + (i % distinct).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            secrets.Add(start + new string((char)('a' + random.Next(3)), random.Next(0, 6)) + (i % 7 == 0 ? "-x" : ""));
        }
        var mask = new SecretMask();
        foreach (var secret in secrets) mask.Add(secret);
        for (int t = 0; t < 300; t++)
        {
            var text = new StringBuilder();
            for (int k = 0; k < 12; k++) text.Append(random.Next(3) == 0 ? secrets[random.Next(secrets.Count)] : "k0" + (char)('0' + random.Next(10)) + " w ");
            Assert.Equal(Reference(text.ToString(), secrets), mask.Apply(text.ToString()));
        }
    }

    /// <summary>The masking rule written plainly: left to right, the longest secret at a place and every secret overlapping it become one mask.</summary>
    private static string Reference(string text, List<string> secrets)
    {
        int Longest(int i) => secrets.Where(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0 && i + s.Length <= text.Length).Select(s => s.Length).DefaultIfEmpty(0).Max();
        var sb = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            int length = Longest(i);
            if (length == 0)
            {
                sb.Append(text[i++]);
                continue;
            }
            int end = i + length;
            for (int j = i + 1; j < end; j++) end = Math.Max(end, j + Longest(j));
            sb.Append(SecretMask.Mask);
            i = end;
        }
        return sb.ToString();
    }
}

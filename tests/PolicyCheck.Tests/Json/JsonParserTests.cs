using System.Collections.Generic;
using System.Linq;
using System.Text;
using PolicyCheck.Json;
using PolicyCheck.Model;
using Xunit;

namespace PolicyCheck.Tests.Json;

public sealed class JsonParserTests
{
    private static (SourceNode? Root, List<Problem> Issues) Parse(string text)
    {
        var issues = new List<Problem>();
        return (JsonParser.Parse(text, new LineMap(text), issues), issues);
    }

    [Fact]
    public void LineMap_GivesEveryOffsetTheLineAndColumnCountedByHand()
    {
        // "\r\n", "\r" and "\n" each end a line; one line or many, every offset up to the end.
        var random = new System.Random(20261207);
        string[] pieces = { "a", "bc", " ", "\n", "\r\n", "\r", "{\"k\":1}" };
        for (int n = 0; n < 300; n++)
        {
            var sb = new StringBuilder();
            for (int i = random.Next(0, 30); i > 0; i--) sb.Append(pieces[random.Next(pieces.Length)]);
            string text = sb.ToString();
            var map = new LineMap(text);
            int line = 1, column = 1;
            for (int offset = 0; offset <= text.Length; offset++)
            {
                map.GetPosition(offset, out int l, out int c);
                Assert.Equal((line, column), (l, c));
                if (offset == text.Length) break;
                bool ends = text[offset] == '\n' || (text[offset] == '\r' && (offset + 1 == text.Length || text[offset + 1] != '\n'));
                if (ends) (line, column) = (line + 1, 1);
                else column++;
            }
        }
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"policies\": [1,{\"b\":2}] ,\"c\":{\"d\":[true]}}", "[1,{\"b\":2}]")]
    [InlineData("{\"p\":{\"x\":\"}\"},\"q\":{\"x\":\"}\"},\"caf\u00e9\":\"\u00e9\"}", "{\"x\":\"}\"}")]
    public void TextWithPartsTakenOut_HasTheWholeTextsSpans(string text, string value)
    {
        // A batch reads a line whose policies it knows with each of them left as "0": the spans of everything else
        // are those of the whole line, and the "0" spans the value it stands for.
        var gaps = new List<(int At, int Removed)>();
        var cut = new StringBuilder();
        int from = 0, removed = 0;
        for (int at = text.IndexOf(value, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, from, System.StringComparison.Ordinal))
        {
            cut.Append(text, from, at - from).Append('0');
            gaps.Add((at - removed + 1, value.Length - 1));
            removed += value.Length - 1;
            from = at + value.Length;
        }
        cut.Append(text, from, text.Length - from);
        var issues = new List<Problem>();
        var root = (SourceObject)JsonParser.Parse(cut.ToString(), new LineMap(cut.ToString(), gaps), issues)!;
        var (whole, _) = Parse(text);
        Assert.Empty(issues);
        var wholeObject = (SourceObject)whole!;
        Assert.Equal(wholeObject.Span.ToString() + wholeObject.Span.Start + "," + wholeObject.Span.Length, root.Span.ToString() + root.Span.Start + "," + root.Span.Length);
        for (int i = 0; i < root.Properties.Count; i++)
        {
            var (p, w) = (root.Properties[i], wholeObject.Properties[i]);
            Assert.Equal(w.Name, p.Name);
            Assert.Equal((w.NameSpan.Start, w.NameSpan.Line, w.NameSpan.Column, w.NameSpan.EndColumn), (p.NameSpan.Start, p.NameSpan.Line, p.NameSpan.Column, p.NameSpan.EndColumn));
            Assert.Equal((w.Value.Span.Start, w.Value.Span.Length, w.Value.Span.Column, w.Value.Span.EndColumn), (p.Value.Span.Start, p.Value.Span.Length, p.Value.Span.Column, p.Value.Span.EndColumn));
            if (text.Substring(w.Value.Span.Start, w.Value.Span.Length) == value) Assert.Equal("Number \"0\"", $"{p.Value.Kind} \"{((SourceScalar)p.Value).Text}\"");
            else Assert.Equal(Describe(w.Value), Describe(p.Value));
        }
    }

    private static string Describe(SourceNode node) => node switch
    {
        SourceObject o => $"{{{o.Span.Start},{o.Span.Length}:" + string.Join(",", o.Properties.Select(p => $"{p.Name}@{p.NameSpan.Start}={Describe(p.Value)}")) + "}",
        SourceArray a => $"[{a.Span.Start},{a.Span.Length}:" + string.Join(",", a.Items.Select(Describe)) + "]",
        SourceScalar v => $"{v.Kind} \"{v.Text}\"@{v.Span.Start},{v.Span.Length},{v.Span.Line}:{v.Span.Column}",
        _ => node.Kind.ToString(),
    };

    [Fact]
    public void Strings_AreReadAsWritten_TheCommonWordsAndTheirNearMisses()
    {
        // The words policies repeat are shared strings; a word one letter off, longer, shorter or escaped is its own.
        string[] words = { "Allow", "Axlow", "Exfect", "Allox", "Alow", "Allows", "allow", "Effect", "Efect", "Effecu", "*", "**", "", "sts:AssumeRole", "sts:AssumeRolf",
            "2012-10-17", "2012-10-18", "AWS::IAM::Role", "AWS::IAM::Rolex", "a\u0041b", "Al\u006cow", "ForAllValues:StringEquals", "tenant-0-9f1c2e7a" };
        string text = "[" + string.Join(",", words.Select(w => "\"" + w + "\"")) + "]";
        var (root, issues) = Parse(text);
        Assert.Empty(issues);
        var read = ((SourceArray)root!).Items.Select(i => ((SourceScalar)i).Text).ToArray();
        Assert.Equal(words.Select(w => w.Replace("\\u0041", "A").Replace("\\u006c", "l")), read);
        var (obj, _) = Parse("{\"Effect\": 1, \"Efect\": 2, \"Effects\": 3}");
        Assert.Equal(new[] { "Effect", "Efect", "Effects" }, ((SourceObject)obj!).Properties.Select(p => p.Name));
    }

    [Fact]
    public void Records_Positions_Of_Every_Element()
    {
        string text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": ["a:b", "c:d"], "Resource": "*",
                 "Condition": {"StringEquals": {"sts:ExternalId": "x1"}}}
              ]
            }
            """;
        var doc = PolicyReader.Read("p.json", text);
        Assert.Equal(2, doc.Version!.Span.Line);
        Assert.Equal(14, doc.Version.Span.Column);
        var s = Assert.Single(doc.Statements);
        Assert.Equal((4, 5), (s.Span.Line, s.Span.Column));
        Assert.Equal((4, 16), (s.Effect!.Span.Line, s.Effect.Span.Column));
        Assert.Equal(new[] { 36, 43 }, s.Action!.Values.Select(v => v.Span.Column).ToArray());
        var clause = Assert.Single(s.Condition!.Clauses);
        Assert.Equal((5, 20), (clause.Operator.Span.Line, clause.Operator.Span.Column));
        Assert.Equal((5, 37), (clause.Key.Span.Line, clause.Key.Span.Column));
        Assert.Equal((5, 55), (clause.Values[0].Span.Line, clause.Values[0].Span.Column));
    }

    [Fact]
    public void Single_Values_And_Arrays_Are_Both_Accepted()
    {
        var one = PolicyReader.Read("a", """{"Statement": {"Effect": "Allow", "Action": "a:b", "Resource": "*"}}""");
        var many = PolicyReader.Read("b", """{"Statement": [{"Effect": "Allow", "Action": ["a:b"], "Resource": ["*"]}]}""");
        Assert.Equal("a:b", Assert.Single(one.Statements[0].Action!.Values).Value);
        Assert.Equal("a:b", Assert.Single(many.Statements[0].Action!.Values).Value);
    }

    [Fact]
    public void Deep_Nesting_Is_A_Diagnostic_Not_A_Crash()
    {
        string text = new string('[', 10000) + new string(']', 10000);
        var (root, issues) = Parse(text);
        Assert.Null(root);
        var issue = Assert.Single(issues);
        Assert.Contains("nesting deeper than", issue.Message);
        Assert.Equal(1, issue.Span.Line);
        Assert.Equal(JsonParser.DefaultMaxDepth + 1, issue.Span.Column);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n ", "no JSON value")]
    [InlineData("""{"a": tru}""", "unexpected word")]
    [InlineData("""{"a": "x}""", "unterminated")]
    [InlineData("""{"a" "x"}""", "':' was expected")]
    [InlineData("""{"a": 1} {}""", "after the end")]
    [InlineData("""{"a": 01}""", "leading zeros")]
    [InlineData("{\"a\": \"\\q\"}", "invalid escape")]
    public void Reports_Syntax_Errors(string text, string expected)
    {
        var (root, issues) = Parse(text);
        Assert.Null(root);
        Assert.Contains(expected, Assert.Single(issues).Message);
    }

    [Fact]
    public void Huge_Numbers_Are_Kept_As_Text()
    {
        var (root, issues) = Parse("""{"n": 123456789012345678901234567890e999}""");
        Assert.Empty(issues);
        Assert.Equal("123456789012345678901234567890e999", ((SourceScalar)((SourceObject)root!).Properties[0].Value).Text);
    }

    [Fact]
    public void Duplicate_Keys_Are_Reported_With_Both_Positions()
    {
        var (_, issues) = Parse("""
            {"a": 1,
             "a": 2}
            """);
        var issue = Assert.Single(issues);
        Assert.Equal(ProblemKind.DuplicateKey, issue.Kind);
        Assert.Equal(2, issue.Span.Line);
        Assert.Contains("line 1, column 2", issue.Message);
    }

    [Fact]
    public void Duplicate_Keys_In_Large_Objects_Are_Reported_With_The_First_Position()
    {
        // Past 8 keys the parser indexes them: the duplicate still names the first occurrence, once.
        string keys = string.Join(", ", Enumerable.Range(0, 12).Select(i => $"\"k{i}\": {i}"));
        var (_, issues) = Parse("{" + keys + ", \"k3\": 0, \"k10\": 1, \"k3\": 2}");
        Assert.Equal(3, issues.Count);
        Assert.All(issues, i => Assert.Equal(ProblemKind.DuplicateKey, i.Kind));
        Assert.Contains("duplicate key \"k3\" (first at line 1, column 29)", issues[0].Message);
        Assert.Contains("duplicate key \"k10\" (first at line 1, column 92)", issues[1].Message);
        Assert.Contains("duplicate key \"k3\" (first at line 1, column 29)", issues[2].Message);
    }


    [Fact]
    public void Nested_Objects_And_Arrays_Keep_Their_Own_Members()
    {
        // An inner object's keys are not the outer one's: only the outer "a" repeats.
        var (root, issues) = Parse("""{"a": {"a": 1, "b": [1, [2, 3], {"a": []}]}, "c": [], "a": 2}""");
        var issue = Assert.Single(issues);
        Assert.Contains("duplicate key \"a\" (first at line 1, column 2)", issue.Message);
        var outer = Assert.IsType<SourceObject>(root);
        Assert.Equal(new[] { "a", "c", "a" }, outer.Properties.Select(p => p.Name));
        var inner = Assert.IsType<SourceObject>(outer.Properties[0].Value);
        Assert.Equal(new[] { "a", "b" }, inner.Properties.Select(p => p.Name));
        var list = Assert.IsType<SourceArray>(inner.Properties[1].Value);
        Assert.Equal(3, list.Items.Count);
        Assert.Equal(2, Assert.IsType<SourceArray>(list.Items[1]).Items.Count);
        Assert.Empty(Assert.IsType<SourceArray>(Assert.IsType<SourceObject>(list.Items[2]).Properties[0].Value).Items);
        Assert.Empty(Assert.IsType<SourceArray>(outer.Properties[1].Value).Items);
    }
    [Theory]
    [InlineData("""{"a":"b c"}""", 11)]
    [InlineData("{ \"a\" :\n\t\"b c\" }", 11)]
    [InlineData("""{"a": ["x", 1, true, null], "b": {}}""", 30)]
    [InlineData("""{"a": "\u00e9\/"}""", 16)]
    public void Quota_Length_Ignores_Whitespace_Outside_Strings_And_Counts_Strings_As_Written(string text, int expected)
    {
        Assert.Equal(expected, PolicyQuota.Length(Parse(text).Root!, asWritten: true));
    }

    [Fact]
    public void Quota_Length_Of_A_Serialized_Policy_Counts_Compact_Json()
    {
        // A template's policy is sent as compact JSON: é is one character, a quote is escaped.
        Assert.Equal(16, PolicyQuota.Length(Parse("""{"a": "\u00e9\/"}""").Root!, asWritten: true));
        Assert.Equal(10, PolicyQuota.Length(Parse("""{"a": "\u00e9\/"}""").Root!, asWritten: false));
        Assert.Equal(12, PolicyQuota.Length(Parse("""{"a": "b\"c"}""").Root!, asWritten: false));
    }

    [Fact]
    public void Kind_Is_Detected_And_Can_Be_Overridden()
    {
        string trust = """{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "x"}, "Action": "sts:AssumeRole"}]}""";
        string perm = """{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""";
        Assert.Equal(DocumentKind.Trust, PolicyReader.Read("t", trust).Kind);
        Assert.Equal(DocumentKind.Permission, PolicyReader.Read("p", perm).Kind);
        Assert.Equal(DocumentKind.Permission, PolicyReader.Read("t", trust, DocumentKind.Permission).Kind);
    }

    [Fact]
    public void Line_Map_Handles_Crlf()
    {
        var map = new LineMap("a\r\nbc\r\nd");
        map.GetPosition(4, out int line, out int col);
        Assert.Equal((2, 2), (line, col));
        map.GetPosition(7, out line, out col);
        Assert.Equal((3, 1), (line, col));
    }

    [Fact]
    public void Invalid_Utf8_Offset_Is_Located()
    {
        var issues = new List<Problem>();
        var bytes = Encoding.UTF8.GetBytes("ab\ncd").Concat(new byte[] { 0xFF }).ToArray();
        Assert.Null(SourceDecoder.Decode(bytes, issues));
        var i = Assert.Single(issues);
        Assert.Equal((2, 3), (i.Span.Line, i.Span.Column));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PolicyCheck.Json;
using PolicyCheck.Yaml;
using Xunit;

namespace PolicyCheck.Tests.Yaml;

/// <summary>Our YAML reader against YamlDotNet: the same tree, the same values, the same positions.</summary>
public class YamlReaderTests
{
    private static readonly YamlOptions AnyTag = new YamlOptions { Tag = (tag, node, span) => new SourceObject(span, new[] { new SourceProperty(tag, span, node) }) };

    public static IEnumerable<object[]> Snippets() => new[]
    {
        "a: 1\nb: two\nc: [x, y, {k: v}]\n",
        "- a\n- b\n-\n  - c\n  - d\n- e: 1\n  f: 2\n",
        "key:\n- a\n- b\nother: x\n",
        "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub '${AWS::StackName}-role'\n      Arn: !GetAtt Role.Arn\n      List: !If [Cond, !Ref A, !Ref 'AWS::NoValue']\n",
        "Value: !If\n  - Cond\n  - a\n  - b\n",
        "Value: !Join\n- ''\n- - 'arn:'\n  - !Ref AWS::Partition\n",
        "plain: this is\n  folded over\n\n  two lines\nnext: x\n",
        "lit: |\n  line one\n    indented\n  line three\n\nafter: 1\n",
        "fold: >\n  one\n  two\n\n  three\n    more\n  four\nafter: 1\n",
        "strip: |-\n  text\n\nkeep: |+\n  text\n\nclip: |\n  text\n",
        "explicit: |2\n    two extra\n  base\n",
        "dq: \"a \\\"q\\\" \\n \\t \\u00e9 \\x41 \\\\ end\"\nsq: 'it''s'\n",
        "dqfold: \"one\n  two\n\n  three\"\nsqfold: 'a\n  b'\n",
        "empty:\nnull1: ~\nnull2: null\nt: true\nf: False\nn: 12\nflt: 1.5e3\nstr: '12'\ndot: .5\n",
        "anchors:\n  base: &b {x: 1, y: [a, b]}\n  copy: *b\n  s: &s text\n  t: *s\n",
        "# comment\n---\n# another\nk: v # trailing\n...\n",
        "--- \nk: v\n",
        "url: http://example.com/a:b\ntime: 12:30\ncolon: a:b\n",
        "flow: {a: [1, 2], b: {c: d}, e: 'q', \"f\": g, h: }\n",
        "multi: [a,\n  b,\n  c]\nmap: {a: 1,\n  b: 2}\n",
        "trailing: [a, b, ]\nm: {a: 1, }\n",
        "tagged: !!str 123\nint: !!int 5\nbare: ! 12\n",
        "- !Ref A\n- !Sub\n  - '${X}'\n  - X: y\n- !GetAZs ''\n",
        "k: \"quoted key\": no\n".Replace("k: ", string.Empty),
        "'single key': 1\n\"double key\": 2\n",
        "seq:\n  - a: 1\n    b:\n      - x\n      - y\n  - c\n",
        "a:\n  b:\n    c:\n      d: deep\n  e: f\n",
        "- - - x\n    - y\n  - z\n",
        "crlf: a\r\nlist:\r\n  - b\r\n  - c\r\n",
        "k: v\n\n\n# end\n",
        "tab: \"a\tb\"\nsp: a  b\n",
        "key: value with # not a comment#x\n",
        "Description: >-\n  A folded\n  description\n",
        "x: |\n  # not a comment\n  y\n",
        "list: [!Ref A, !GetAtt B.Arn, !Sub 'x-${y}']\n",
        "unicode: héllo wörld ✓\n",
        "a: -1\nb: - x\n".Substring(0, 6),
        "a: b\n  # indented comment\nc: d\n",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Snippets))]
    public void ReadsLikeYamlDotNet(string yaml)
    {
        var expected = YamlDotNetOracle.Read(yaml);
        var actual = YamlReader.Read(yaml, AnyTag);
        AssertSame(expected, actual, "$", yaml);
    }

    public static IEnumerable<object[]> RepositoryFiles()
    {
        string root = Lint.Repo;
        foreach (var f in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories))
        {
            if (!(f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))) continue;
            if (f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("node_modules", StringComparison.Ordinal) || f.Contains("/.git/", StringComparison.Ordinal)) continue;
            yield return new object[] { Path.GetRelativePath(root, f) };
        }
    }

    [Theory]
    [MemberData(nameof(RepositoryFiles))]
    public void ReadsEveryYamlFileOfTheRepositoryLikeYamlDotNet(string file)
    {
        string yaml = File.ReadAllText(Path.Combine(Lint.Repo, file));
        SourceNode? expected;
        try
        {
            expected = YamlDotNetOracle.Read(yaml);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException || e is InvalidOperationException || e is InvalidCastException)
        {
            // Not YAML to YamlDotNet either (the bad-input corpus): ours says so with a position, and does not crash.
            var problem = Assert.Throws<ProblemException>(() => YamlReader.Read(yaml, AnyTag));
            Assert.StartsWith("not valid YAML: ", problem.Message, StringComparison.Ordinal);
            return;
        }
        SourceNode? actual;
        try
        {
            actual = YamlReader.Read(yaml, AnyTag);
        }
        catch (ProblemException e) when (ByDesign.Any(m => e.Message.Contains(m, StringComparison.Ordinal)))
        {
            // YAML that YamlDotNet's parser passes but a reader of policies must refuse (its loader refuses most of it too).
            return;
        }
        AssertSame(expected, actual, "$", file);
    }

    private static readonly string[] ByDesign = { "duplicate key", "merge keys", "only one YAML document", "alias bomb", "levels deep" };

    private static void AssertSame(SourceNode? expected, SourceNode? actual, string path, string source)
    {
        if (expected == null || actual == null)
        {
            Assert.True(expected == null && actual == null, $"{path}: expected {expected?.Kind.ToString() ?? "nothing"}, got {actual?.Kind.ToString() ?? "nothing"} in\n{source}");
            return;
        }
        Assert.True(expected.Kind == actual.Kind, $"{path}: expected {expected.Kind}, got {actual.Kind} in\n{source}");
        switch (expected)
        {
            case SourceScalar e:
            {
                var a = (SourceScalar)actual;
                Assert.True(e.Text == a.Text, $"{path}: expected \"{Escape(e.Text)}\", got \"{Escape(a.Text)}\" in\n{source}");
                if (e.Text.Length > 0)
                    Assert.True((e.Span.Line, e.Span.Column) == (a.Span.Line, a.Span.Column), $"{path}: \"{Escape(e.Text)}\" starts at {e.Span} by YamlDotNet, {a.Span} by ours, in\n{source}");
                break;
            }
            case SourceArray e:
            {
                var a = (SourceArray)actual;
                Assert.True(e.Items.Count == a.Items.Count, $"{path}: {e.Items.Count} items expected, {a.Items.Count} read, in\n{source}");
                for (int i = 0; i < e.Items.Count; i++) AssertSame(e.Items[i], a.Items[i], $"{path}[{i}]", source);
                break;
            }
            case SourceObject e:
            {
                var a = (SourceObject)actual;
                Assert.True(string.Join(",", e.Properties.Select(p => p.Name)) == string.Join(",", a.Properties.Select(p => p.Name)),
                    $"{path}: keys {string.Join(",", e.Properties.Select(p => p.Name))} expected, {string.Join(",", a.Properties.Select(p => p.Name))} read, in\n{source}");
                for (int i = 0; i < e.Properties.Count; i++)
                {
                    var (ep, ap) = (e.Properties[i], a.Properties[i]);
                    Assert.True((ep.NameSpan.Line, ep.NameSpan.Column) == (ap.NameSpan.Line, ap.NameSpan.Column), $"{path}.{ep.Name}: key at {ep.NameSpan} by YamlDotNet, {ap.NameSpan} by ours, in\n{source}");
                    AssertSame(ep.Value, ap.Value, $"{path}.{ep.Name}", source);
                }
                break;
            }
        }
    }

    private static string Escape(string s) => s.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
}

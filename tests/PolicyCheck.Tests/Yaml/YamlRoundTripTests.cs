using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using PolicyCheck.Json;
using PolicyCheck.Yaml;
using Xunit;

namespace PolicyCheck.Tests.Yaml;

/// <summary>Random trees written in random YAML styles: our reader gives back the tree, and agrees with YamlDotNet.</summary>
public class YamlRoundTripTests
{
    private abstract record Tree;
    private sealed record Leaf(string Text) : Tree;
    private sealed record Seq(List<Tree> Items) : Tree;
    private sealed record Map(List<(string Key, Tree Value)> Entries) : Tree;

    private static readonly string[] Texts =
    {
        "a", "a b", "a:b", "http://example.com/x?y=1", "-x", "1", "12.5", "true", "null", "it's", "say \"hi\"", "#x", "x#y",
        "${AWS::Region}", "arn:aws:iam::123456789012:role/Portkey", "héllo ✓", "two\nlines", " lead", "trail ", "a\tb", "[x]", "{y}", "x, y", "~", "",
    };

    private static readonly Gen<string> Key = Gen.OneOfConst("Effect", "Action", "a b", "x:y", "k1", "Ref", "Fn::Sub", "1", "quoted key");

    private static Gen<Tree> Node(int depth) => depth == 0
        ? Gen.OneOfConst(Texts).Select(t => (Tree)new Leaf(t))
        : Gen.Frequency(
            (3, Gen.OneOfConst(Texts).Select(t => (Tree)new Leaf(t))),
            (1, Node(depth - 1).List[0, 3].Select(items => (Tree)new Seq(items))),
            (1, Gen.Select(Key, Node(depth - 1)).List[0, 3].Select(entries => (Tree)new Map(Distinct(entries)))));

    private static List<(string, Tree)> Distinct(List<(string Key, Tree Value)> entries)
        => entries.GroupBy(e => e.Key).Select(g => g.First()).ToList();

    [Fact]
    public void RandomTreesInRandomStyles_ReadBackTheSame()
    {
        Gen.Select(Node(4).Where(t => t is not Leaf), Gen.UInt).Sample((tree, seed) =>
        {
            var styles = new System.Random((int)seed);
            var sb = new StringBuilder();
            Block(tree, 0, sb, styles, inSequence: false);
            string yaml = sb.ToString();
            SourceNode? ours;
            try
            {
                ours = YamlReader.Read(yaml);
            }
            catch (ProblemException e)
            {
                throw new Xunit.Sdk.XunitException($"{e.Span}: {e.Message} in\n{yaml}");
            }
            AssertTree(tree, ours, yaml);
            var theirs = YamlDotNetOracle.Read(yaml);
            AssertTree(tree, theirs, yaml);
        }, iter: 5000);
    }

    private static void AssertTree(Tree expected, SourceNode? actual, string yaml)
    {
        switch (expected)
        {
            case Leaf l:
                Assert.True(actual is SourceScalar s && s.Text == l.Text, $"expected \"{l.Text}\", got {Describe(actual)} in\n{yaml}");
                break;
            case Seq q:
                Assert.True(actual is SourceArray a && a.Items.Count == q.Items.Count, $"expected a list of {q.Items.Count}, got {Describe(actual)} in\n{yaml}");
                for (int i = 0; i < q.Items.Count; i++) AssertTree(q.Items[i], ((SourceArray)actual!).Items[i], yaml);
                break;
            case Map m:
                Assert.True(actual is SourceObject o && o.Properties.Count == m.Entries.Count, $"expected a mapping of {m.Entries.Count}, got {Describe(actual)} in\n{yaml}");
                var props = ((SourceObject)actual!).Properties;
                for (int i = 0; i < m.Entries.Count; i++)
                {
                    Assert.Equal(m.Entries[i].Key, props[i].Name);
                    AssertTree(m.Entries[i].Value, props[i].Value, yaml);
                }
                break;
        }
    }

    private static string Describe(SourceNode? n) => n switch
    {
        null => "nothing",
        SourceScalar s => $"\"{s.Text}\"",
        SourceArray a => $"a list of {a.Items.Count}",
        SourceObject o => $"a mapping of {o.Properties.Count}",
        _ => n.Kind.ToString(),
    };

    // ---- a writer with many styles ----

    private static bool PlainSafe(string s, bool flow)
    {
        if (s.Length == 0 || s != s.Trim() || s.Contains('\n') || s.Contains('\t') || s.Contains(": ") || s.EndsWith(':') || s.Contains(" #")) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(s[0])) return false;
        if (flow && s.IndexOfAny(new[] { ',', '[', ']', '{', '}' }) >= 0) return false;
        if (flow && s.Contains(':')) return false;
        return true;
    }

    private static string Scalar(string s, bool flow, System.Random r)
    {
        int style = r.Next(3);
        if (style == 0 && PlainSafe(s, flow)) return s;
        if (style == 1 && !s.Contains('\n') && !s.Contains('\t')) return "'" + s.Replace("'", "''") + "'";
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", _ => c.ToString() });
        }
        return sb.Append('"').ToString();
    }

    private static string Flow(Tree t, System.Random r) => t switch
    {
        Leaf l => Scalar(l.Text, flow: true, r),
        Seq q => "[" + string.Join(", ", q.Items.Select(i => Flow(i, r))) + "]",
        Map m => "{" + string.Join(", ", m.Entries.Select(e => Scalar(e.Key, flow: true, r) + ": " + Flow(e.Value, r))) + "}",
        _ => string.Empty,
    };

    private static bool Empty(Tree t) => t is Seq { Items.Count: 0 } || t is Map { Entries.Count: 0 };

    /// <summary>Writes <paramref name="t"/> as a block collection whose lines start at <paramref name="indent"/>.</summary>
    private static void Block(Tree t, int indent, StringBuilder sb, System.Random r, bool inSequence, bool allowFlow = true)
    {
        string pad = new string(' ', indent);
        if (Empty(t) || (allowFlow && r.Next(5) == 0))
        {
            sb.Append(pad).Append(Flow(t, r)).Append('\n');
            return;
        }
        if (t is Seq q)
        {
            foreach (var item in q.Items)
            {
                sb.Append(pad).Append('-');
                Value(item, indent, sb, r, sequence: true);
            }
        }
        else if (t is Map m)
        {
            foreach (var (key, value) in m.Entries)
            {
                sb.Append(pad).Append(Scalar(key, flow: false, r).Replace("\n", "\\n")).Append(':');
                Value(value, indent, sb, r, sequence: false);
            }
        }
        if (r.Next(4) == 0) sb.Append(pad).Append("# a comment\n");
    }

    private static void Value(Tree v, int indent, StringBuilder sb, System.Random r, bool sequence)
    {
        if (v is Leaf l)
        {
            if (l.Text.Length > 0 && !l.Text.Contains('\t') && l.Text == l.Text.TrimStart() && r.Next(4) == 0)
            {
                // A literal block scalar, kept exactly with "|+"/"|-" as the text ends.
                string body = l.Text;
                string chomp = body.EndsWith('\n') ? "+" : "-";
                sb.Append(" |").Append(chomp).Append('\n');
                foreach (var line in body.TrimEnd('\n').Split('\n')) sb.Append(new string(' ', indent + 2)).Append(line).Append('\n');
                return;
            }
            sb.Append(' ').Append(Scalar(l.Text, flow: false, r)).Append('\n');
            return;
        }
        if (Empty(v) || r.Next(4) == 0)
        {
            sb.Append(' ').Append(Flow(v, r)).Append('\n');
            return;
        }
        sb.Append('\n');
        // A list as a mapping value may sit at the key's column.
        bool sameColumn = v is Seq && !sequence && r.Next(2) == 0;
        Block(v, sameColumn ? indent : indent + 2, sb, r, sequence, allowFlow: !sameColumn);
    }
}

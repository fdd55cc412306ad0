using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PolicyCheck.Cli.Output;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>lint --format junit: a test suite per role, a test case per rule that ran, failures as the exit code says.</summary>
public sealed class JunitTests
{
    private static readonly Dictionary<string, string[]> Attributes = new()
    {
        ["testsuites"] = new[] { "name", "tests", "failures", "errors", "skipped", "time" },
        ["testsuite"] = new[] { "name", "tests", "failures", "errors", "skipped", "time" },
        ["testcase"] = new[] { "classname", "name", "time" },
        ["failure"] = new[] { "message", "type" },
        ["error"] = new[] { "message", "type" },
        ["skipped"] = new[] { "message" },
        ["system-out"] = Array.Empty<string>(),
    };

    private static readonly Dictionary<string, string[]> Children = new()
    {
        ["testsuites"] = new[] { "testsuite" },
        ["testsuite"] = new[] { "testcase" },
        ["testcase"] = new[] { "failure", "error", "skipped", "system-out" },
    };

    /// <summary>The JUnit report as CI systems read it (Ant's format): the elements, their required attributes and
    /// counts that add up, at every level.</summary>
    private static XElement Parse(string xml)
    {
        var doc = XDocument.Parse(xml);
        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        foreach (var e in root.DescendantsAndSelf())
        {
            string name = e.Name.LocalName;
            Assert.True(Attributes.ContainsKey(name), "unexpected element " + name);
            Assert.Equal(Attributes[name].OrderBy(a => a, StringComparer.Ordinal), e.Attributes().Select(a => a.Name.LocalName).OrderBy(a => a, StringComparer.Ordinal));
            foreach (var child in e.Elements())
                Assert.True(Children.TryGetValue(name, out var allowed) && allowed.Contains(child.Name.LocalName), $"{child.Name.LocalName} inside {name}");
            if (name == "testcase") Assert.True(e.Elements().Count(c => c.Name.LocalName is "failure" or "error" or "skipped") <= 1);
        }
        foreach (var suite in root.Elements("testsuite").Append(root))
        {
            var cases = suite.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") != null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") != null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") != null), (int)suite.Attribute("skipped")!);
        }
        return root;
    }

    [Fact]
    public void TheBrokenExamples_FailTheCasesOfTheirErrors_WithFileAndLine()
    {
        var (exit, xml, _) = CliRunner.Run(new[] { "lint", "examples/broken", "--format", "junit" }, cwd: Lint.Repo);
        Assert.Equal(1, exit);
        var root = Parse(xml);
        var (_, text, _) = CliRunner.Run(new[] { "lint", "examples/broken" }, cwd: Lint.Repo);
        var errors = Regex.Matches(text, @"^(examples/broken/[^/]+)/\S+\(\d+,\d+\): error (PC\d+):", RegexOptions.Multiline)
            .Select(m => (Role: m.Groups[1].Value, Rule: m.Groups[2].Value)).ToHashSet();
        var failed = root.Descendants("testcase").Where(c => c.Element("failure") != null)
            .Select(c => ((string)c.Attribute("classname")!, ((string)c.Attribute("name")!).Split(' ')[0])).ToHashSet();
        Assert.NotEmpty(errors);
        Assert.Equal(errors.OrderBy(e => e.ToString(), StringComparer.Ordinal), failed.OrderBy(e => e.ToString(), StringComparer.Ordinal));
        foreach (var f in root.Descendants("failure"))
        {
            Assert.Matches(@"^examples/broken/\S+\(\d+,\d+\): error PC\d+: ", f.Value);
            Assert.Equal("error", (string)f.Attribute("type")!);
        }
        var bedrock = root.Elements("testsuite").Single(s => (string)s.Attribute("name")! == "examples/broken/bedrock-namespace");
        Assert.Contains(bedrock.Elements("testcase"), c => (string)c.Attribute("name")! == "PC2001 wrong-namespace" && c.Element("failure")!.Value.Contains("permission.json(8,9)", StringComparison.Ordinal));
        Assert.Contains(bedrock.Elements("testcase"), c => (string)c.Attribute("name")! == "PC3006 external-id-operator" && !c.HasElements);
    }

    [Fact]
    public void ACleanRole_PassesEveryCase()
    {
        var (exit, xml, _) = CliRunner.Run(new[] { "lint", "examples/seed/full-access", "--format", "junit" }, cwd: Lint.Repo);
        Assert.Equal(0, exit);
        var root = Parse(xml);
        Assert.True((int)root.Attribute("tests")! > 50);
        Assert.Equal(0, (int)root.Attribute("failures")!);
        Assert.Equal("examples/seed/full-access", (string)root.Element("testsuite")!.Attribute("name")!);
    }

    [Fact]
    public void TheReadmesCommand_WritesTheReportFile()
    {
        const string command = "policycheck lint iam/ --format junit --output policycheck-junit.xml";
        Assert.Contains("`" + command + "`", System.IO.File.ReadAllText(System.IO.Path.Combine(Lint.Repo, "README.md")), StringComparison.Ordinal);
        using var dir = new TempDir();
        dir.Write("iam/portkey/permission.json", System.IO.File.ReadAllText(System.IO.Path.Combine(Lint.Repo, "examples", "broken", "bedrock-namespace", "permission.json")));
        var (exit, output, _) = CliRunner.Run(command.Split(' ').Skip(1).ToArray(), cwd: dir.Path);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        var root = Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(dir.Path, "policycheck-junit.xml")));
        Assert.Equal("iam/portkey", (string)root.Element("testsuite")!.Attribute("name")!);
        Assert.True((int)root.Attribute("failures")! >= 1);
    }

    [Fact]
    public void FailOn_DecidesWhatFails_TheRestIsSystemOut()
    {
        var (exit, xml, _) = CliRunner.Run(new[] { "lint", "examples/context", "--format", "junit" }, cwd: Lint.Repo);
        Assert.Equal(0, exit);
        var root = Parse(xml);
        Assert.Equal(0, (int)root.Attribute("failures")!);
        Assert.Contains(root.Descendants("system-out"), o => o.Value.Contains("warning PC2002", StringComparison.Ordinal));
        var (strict, failing, _) = CliRunner.Run(new[] { "lint", "examples/context", "--format", "junit", "--fail-on", "warning" }, cwd: Lint.Repo);
        Assert.Equal(1, strict);
        var failure = Parse(failing).Descendants("failure").Single();
        Assert.Equal("warning", (string)failure.Attribute("type")!);
        Assert.Contains("warning PC2002", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void SuppressedFindings_AreSkipped_WithTheJustification_AndATemplatesRoleNamesItsFile()
    {
        using var dir = new TempDir();
        dir.Write("policycheck.yml", "suppressions:\n  - rule: PC2009\n    justification: \"owned by the data team\"\n");
        dir.Write("iam/p.json", Lint.Permission("""{"Effect": "Allow", "Action": ["aws-external-anthropic:CreateInference", "aws-external-anthropic:CountTokens", "aws-external-anthropic:DeleteFile"], "Resource": "*"}"""));
        var (exit, xml, _) = CliRunner.Run(new[] { "lint", "iam", "--format", "junit" }, cwd: dir.Path);
        Assert.Equal(0, exit);
        var skipped = Parse(xml).Descendants("testcase").Single(c => c.Element("skipped") != null);
        Assert.StartsWith("PC2009 ", (string)skipped.Attribute("name")!, StringComparison.Ordinal);
        Assert.Equal("suppressed: owned by the data team", (string)skipped.Element("skipped")!.Attribute("message")!);

        var (_, template, _) = CliRunner.Run(new[] { "lint", "examples/cloudformation/portkey-role.yaml", "--format", "junit" }, cwd: Lint.Repo);
        var names = Parse(template).Elements("testsuite").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.Contains("examples/cloudformation/portkey-role.yaml: PortkeyClaudeRole", names);
    }

    [Fact]
    public void AnUnreadableInput_IsAnError_OfTheInputsSuite()
    {
        using var dir = new TempDir();
        dir.Write("iam/p.json", Lint.Permission("""{"Effect": "Allow", "Action": "aws-external-anthropic:CreateInference", "Resource": "*"}"""));
        var (exit, xml, _) = CliRunner.Run(new[] { "lint", "iam", "missing.json", "--format", "junit" }, cwd: dir.Path);
        Assert.Equal(2, exit);
        var root = Parse(xml);
        var error = root.Descendants("error").Single();
        Assert.Equal("policycheck inputs", (string)error.Parent!.Attribute("classname")!);
        Assert.Contains("missing.json", error.Value, StringComparison.Ordinal);
        Assert.Equal(1, (int)root.Attribute("errors")!);
    }

    [Theory]
    [InlineData("a\u0001b", "a\uFFFDb")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    [InlineData("emoji \U0001F600 kept", "emoji \U0001F600 kept")]
    [InlineData("tab\tand\nnewline", "tab\tand\nnewline")]
    public void Clean_KeepsWhatXmlHolds_ReplacesTheRest(string value, string expected)
    {
        Assert.Equal(expected, JunitFormatter.Clean(value));
        Assert.Equal(expected, XElement.Parse(new XElement("m", JunitFormatter.Clean(value)).ToString()).Value.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_ReplacesALoneSurrogate()
    {
        string lone = "lone " + (char)0xD800 + " surrogate";
        Assert.Equal("lone \uFFFD surrogate", JunitFormatter.Clean(lone));
        Assert.Equal("end \uFFFD", JunitFormatter.Clean("end " + (char)0xDC00));
    }

    [Fact]
    public void AControlCharacterInAPolicy_StillGivesWellFormedXml()
    {
        using var dir = new TempDir();
        dir.Write("iam/p.json", Lint.Permission("""{"Sid": "bad\u0001sid", "Effect": "Allow", "Action": "aws-external-anthropic:CreateInference", "Resource": "*"}"""));
        var (_, xml, _) = CliRunner.Run(new[] { "lint", "iam", "--format", "junit" }, cwd: dir.Path);
        var root = Parse(xml);
        Assert.Contains(root.Descendants("failure").Concat(root.Descendants("system-out")), e => e.Value.Contains('\uFFFD', StringComparison.Ordinal));
    }
}

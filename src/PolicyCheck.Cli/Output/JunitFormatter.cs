using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli.Output;

/// <summary>
/// JUnit XML for the CI systems that show test reports: one test suite per role, one test case per rule that ran on
/// it. A case fails with the findings at or above --fail-on (file(line,col) each); one whose findings are all suppressed
/// or baselined is skipped; findings below --fail-on stay in its system-out. Unreadable inputs are errors of the
/// "policycheck inputs" suite.
/// </summary>
public sealed class JunitFormatter : IFormatter
{
    public Severity FailOn { get; init; } = Severity.Error;

    private sealed class Case
    {
        private static readonly List<Diagnostic> None = new List<Diagnostic>();
        private List<Diagnostic>? _findings; // most cases have none: no list for them

        public Case(string rule) { Rule = rule; }
        public string Rule { get; }
        public List<Diagnostic> Findings => _findings ?? None;
        public void Add(Diagnostic d) => (_findings ??= new List<Diagnostic>()).Add(d);

        /// <summary>The unsuppressed findings at or above the severity (<paramref name="above"/>) or below it.</summary>
        public List<Diagnostic> Unsuppressed(Severity failOn, bool above)
        {
            var found = new List<Diagnostic>();
            foreach (var d in Findings) if (!d.IsSuppressed && d.Severity >= failOn == above) found.Add(d);
            return found;
        }

        public bool Fails(Severity failOn)
        {
            foreach (var d in Findings) if (!d.IsSuppressed && d.Severity >= failOn) return true;
            return false;
        }

        public bool Skipped
        {
            get
            {
                if (Findings.Count == 0) return false;
                foreach (var d in Findings) if (!d.IsSuppressed) return false;
                return true;
            }
        }
    }

    public void Write(LintReport report, RuleIndex catalog, TextWriter output)
    {
        var suites = new List<(string Name, List<Case> Cases)>();
        var suiteOf = new Dictionary<string, List<Case>>(System.StringComparer.Ordinal);
        var byRole = new Dictionary<string, Dictionary<string, Case>>(System.StringComparer.Ordinal);
        foreach (var check in report.Checked)
        {
            if (byRole.ContainsKey(check.Role)) continue;
            var cases = new List<Case>();
            var map = new Dictionary<string, Case>(System.StringComparer.Ordinal);
            foreach (var id in check.RuleIds)
            {
                var c = new Case(id);
                cases.Add(c);
                map[id] = c;
            }
            suites.Add((Display(check.Role, check.File), cases));
            suiteOf[check.Role] = cases;
            byRole[check.Role] = map;
        }
        foreach (var d in report.Diagnostics)
        {
            string role = d.Role ?? "policycheck";
            if (!byRole.TryGetValue(role, out var map))
            {
                map = new Dictionary<string, Case>(System.StringComparer.Ordinal);
                byRole[role] = map;
                suiteOf[role] = new List<Case>();
                suites.Add((Display(role, null), suiteOf[role]));
            }
            if (!map.TryGetValue(d.RuleId, out var c))
            {
                c = new Case(d.RuleId);
                map[d.RuleId] = c;
                suiteOf[role].Add(c);
            }
            c.Add(d);
        }

        int tests = report.Problems.Count, failures = 0, skipped = 0;
        foreach (var (_, cases) in suites)
        {
            tests += cases.Count;
            foreach (var c in cases)
            {
                if (c.Fails(FailOn)) failures++;
                else if (c.Skipped) skipped++;
            }
        }

        // Written as UTF-8, which goes out as it is where the mask would not change it.
        var bytes = new MemoryStream(Formatters.DocumentBytes(report));
        var names = new Dictionary<string, string>(System.StringComparer.Ordinal); // each rule's case name, made once
        using (var w = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "policycheck");
            w.WriteAttributeString("tests", Count(tests));
            w.WriteAttributeString("failures", Count(failures));
            w.WriteAttributeString("errors", Count(report.Problems.Count));
            w.WriteAttributeString("skipped", Count(skipped));
            w.WriteAttributeString("time", "0");
            foreach (var (name, cases) in suites) WriteSuite(w, name, cases, catalog, names);
            if (report.Problems.Count > 0) WriteInputs(w, report);
            w.WriteEndElement();
        }
        output.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Formatters.WriteDocument(new System.ReadOnlySpan<byte>(bytes.GetBuffer(), 0, (int)bytes.Length), output);
        output.WriteLine();
    }

    private void WriteSuite(XmlWriter w, string name, List<Case> cases, RuleIndex catalog, Dictionary<string, string> names)
    {
        int failures = 0, skipped = 0;
        foreach (var c in cases)
        {
            if (c.Fails(FailOn)) failures++;
            else if (c.Skipped) skipped++;
        }
        name = Clean(name);
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("tests", Count(cases.Count));
        w.WriteAttributeString("failures", Count(failures));
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString("skipped", Count(skipped));
        w.WriteAttributeString("time", "0");
        foreach (var c in cases)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("classname", name);
            if (!names.TryGetValue(c.Rule, out string? caseName)) names[c.Rule] = caseName = Clean((c.Rule + " " + (catalog.Find(c.Rule)?.Name ?? string.Empty)).Trim());
            w.WriteAttributeString("name", caseName);
            w.WriteAttributeString("time", "0");
            var failing = c.Findings.Count == 0 ? c.Findings : c.Unsuppressed(FailOn, above: true);
            if (failing.Count > 0)
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("message", Clean(Line(failing[0])));
                w.WriteAttributeString("type", Formatters.Severity(failing[0].Severity));
                w.WriteString(Clean(Lines(failing)));
                w.WriteEndElement();
            }
            else if (c.Skipped)
            {
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", Clean("suppressed: " + c.Findings[0].SuppressedBecause));
                w.WriteEndElement();
            }
            var below = c.Findings.Count == 0 ? c.Findings : c.Unsuppressed(FailOn, above: false);
            if (below.Count > 0) w.WriteElementString("system-out", Clean(Lines(below)));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteInputs(XmlWriter w, LintReport report)
    {
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", "policycheck inputs");
        w.WriteAttributeString("tests", Count(report.Problems.Count));
        w.WriteAttributeString("failures", "0");
        w.WriteAttributeString("errors", Count(report.Problems.Count));
        w.WriteAttributeString("skipped", "0");
        w.WriteAttributeString("time", "0");
        foreach (var e in report.Problems)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("classname", "policycheck inputs");
            w.WriteAttributeString("name", Clean(e.Path));
            w.WriteAttributeString("time", "0");
            w.WriteStartElement("error");
            w.WriteAttributeString("message", Clean(e.Message));
            w.WriteAttributeString("type", e.RuleId ?? "input");
            w.WriteString(Clean(Formatters.Problem(e)));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>A folder role by its path relative to the working folder, as the findings name their files; a
    /// template's or plan's role by its file and name.</summary>
    private static string Display(string role, string? file)
    {
        if (!Path.IsPathRooted(role)) return file != null ? file + ": " + role : role;
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), role).Replace('\\', '/');
        return relative.StartsWith("..", System.StringComparison.Ordinal) ? role : relative;
    }

    private static string Line(Diagnostic d)
        => $"{d.Path}({d.Span.Line},{d.Span.Column}): {Formatters.Severity(d.Severity)} {d.RuleId}: {d.Message}";

    private static string Lines(List<Diagnostic> findings)
    {
        var sb = new StringBuilder();
        foreach (var d in findings)
        {
            sb.Append(Line(d)).Append('\n');
            if (d.Fix != null) sb.Append("    fix: ").Append(d.Fix).Append('\n');
        }
        return sb.ToString();
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Characters XML 1.0 cannot hold (control characters a policy may quote) become U+FFFD.</summary>
    public static string Clean(string s)
    {
        StringBuilder? sb = null;
        int i = 0, copied = 0;
        while (true)
        {
            // Printable characters below the surrogates are all XML: only the others are looked at.
            int next = s.AsSpan(i).IndexOfAnyExceptInRange(' ', '\uD7FF');
            if (next < 0) break;
            i += next;
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i += 2;
                continue;
            }
            if (XmlConvert.IsXmlChar(c))
            {
                i++;
                continue;
            }
            sb ??= new StringBuilder(s.Length);
            sb.Append(s, copied, i - copied).Append('\uFFFD');
            copied = ++i;
        }
        return sb == null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }
}

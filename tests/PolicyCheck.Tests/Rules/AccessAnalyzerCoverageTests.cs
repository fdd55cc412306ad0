using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Tests.Rules;

/// <summary>
/// docs/access-analyzer-coverage.md against Access Analyzer's code list (../shared/reference/iam-tools-landscape.md §2.3):
/// every code is on the page, nothing is left "not yet done", and every rule the page links exists.
/// </summary>
public sealed class AccessAnalyzerCoverageTests
{
    private static string Page => File.ReadAllText(Path.Combine(Lint.Repo, "docs", "access-analyzer-coverage.md"));

    /// <summary>The codes of the four finding-type lists of §2.3 (ERROR, WARNING, SECURITY_WARNING, SUGGESTION).</summary>
    private static List<string> ReferenceCodes()
    {
        string text = File.ReadAllText(Path.GetFullPath(Path.Combine(Lint.Repo, "..", "shared", "reference", "iam-tools-landscape.md")));
        int start = text.IndexOf("### 2.3", System.StringComparison.Ordinal);
        int end = text.IndexOf("### 2.4", start, System.StringComparison.Ordinal);
        var lists = text.Substring(start, end - start).Split("\n- **").Skip(1).Where(b => Regex.IsMatch(b, @"^(ERROR|WARNING|SECURITY_WARNING|SUGGESTION) \(\d+\)"));
        var codes = new List<string>();
        foreach (var block in lists)
        {
            string body = block.Substring(block.IndexOf(':') + 1);
            int prose = body.IndexOf("\n- ", System.StringComparison.Ordinal);
            if (prose > 0) body = body.Substring(0, prose);
            foreach (Match m in Regex.Matches(body, @"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")) if (!codes.Contains(m.Value)) codes.Add(m.Value);
        }
        return codes;
    }

    [Fact]
    public void EveryReferenceCode_IsOnThePage()
    {
        var codes = ReferenceCodes();
        Assert.True(codes.Count >= 130, $"read {codes.Count} codes from the reference");
        string page = Page;
        var missing = codes.Where(c => !Regex.IsMatch(page, @"\b" + c + @"\b")).ToList();
        Assert.True(missing.Count == 0, "not on the coverage page: " + string.Join(", ", missing));
    }

    [Fact]
    public void NothingIsLeftNotYetDone()
    {
        string page = Page;
        int at = page.IndexOf("## Not yet done", System.StringComparison.Ordinal);
        Assert.True(at > 0);
        string section = page.Substring(at);
        Assert.DoesNotMatch(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", section);
    }

    [Fact]
    public void EveryLinkedRule_Exists_AndHasItsPage()
    {
        var ids = Regex.Matches(Page, @"\[(PC\d{4})\]\(rules/(PC\d{4})\.md\)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.True(ids.Count >= 50);
        foreach (var (text, file) in ids)
        {
            Assert.Equal(text, file);
            Assert.True(BuiltIn.Catalog.Find(text) != null, text + " is linked but not in the catalogue");
            Assert.True(File.Exists(Path.Combine(Lint.Repo, "docs", "rules", file + ".md")), file + ".md is missing");
        }
    }
}

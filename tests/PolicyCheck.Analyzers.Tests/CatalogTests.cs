using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyCheck.Facts;
using Xunit;

namespace PolicyCheck.Analyzers.Tests;

/// <summary>The analyzers' descriptors come from rules/catalog.yml (via the core): IDs, help links, categories, tests.</summary>
public sealed class CatalogTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToArray();

    private static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PolicyCheck.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    [Fact]
    public void EveryDescriptor_MatchesTheCatalogue_AndLinksToItsDocPage()
    {
        foreach (var d in Analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            var rule = BuiltIn.Catalog.Get(d.Id);
            Assert.Equal(rule.Title, d.Title.ToString());
            Assert.Equal("PolicyCheck." + rule.Category, d.Category);
            Assert.Equal(BuiltIn.Catalog.HelpUri(d.Id), d.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + d.Id + ".md", d.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(Repo, "docs", "rules", d.Id + ".md")), d.Id + " has no doc page");
        }
    }

    [Fact]
    public void EveryCodeRule_HasAnAnalyzer_AndATestClass()
    {
        foreach (var rule in BuiltIn.Catalog.Rules.Where(r => r.Category == "Code"))
        {
            var owner = Analyzers.SingleOrDefault(a => a.SupportedDiagnostics.Any(d => d.Id == rule.Id));
            Assert.True(owner != null, rule.Id + " has no analyzer");
            Assert.True(File.Exists(Path.Combine(Repo, "tests", "PolicyCheck.Analyzers.Tests", owner!.GetType().Name + "Tests.cs")), owner.GetType().Name + " has no test class");
        }
    }

    [Fact]
    public void PolicyLiterals_ReportEveryPolicyRule()
    {
        var ids = new PolicyLiteralAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        foreach (var rule in PolicyCheck.Rules.AllRules.Create()) Assert.Contains(rule.Id, ids);
    }

    [Fact]
    public void Analyzers_DependOnNothingButRoslynAndTheCore()
    {
        var refs = typeof(Descriptors).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(refs, r => Assert.True(r == "netstandard" || r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || r.StartsWith("System.", StringComparison.Ordinal) || r == "PolicyCheck.Core", r));
        var core = typeof(BuiltIn).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(core, r => Assert.True(r == "netstandard" || r.StartsWith("System.", StringComparison.Ordinal), "PolicyCheck.Core references " + r));
    }
}

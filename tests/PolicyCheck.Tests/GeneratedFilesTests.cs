using System.IO;
using System.Linq;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Generate;
using PolicyCheck.Rules;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>rules/*.yml is the single source of truth: every generated or embedded copy must match it.</summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void Generated_Code_And_Docs_Match_The_Rule_Data()
    {
        foreach (var (relative, content) in Generator.Produce(Lint.Repo))
        {
            string path = Path.Combine(Lint.Repo, relative);
            Assert.True(File.Exists(path), $"{relative} is missing: run dotnet run --project tools/PolicyCheck.Generate");
            Assert.True(File.ReadAllText(path) == content, $"{relative} drifted from rules/: run dotnet run --project tools/PolicyCheck.Generate");
        }
    }

    [Fact]
    public void Embedded_Yaml_Matches_The_Repository_Files()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Lint.Repo, "rules", "service.yml")), RuleData.ResourceText(RuleData.ServiceResource));
        Assert.Equal(File.ReadAllText(Path.Combine(Lint.Repo, "rules", "catalog.yml")), RuleData.ResourceText(RuleData.CatalogResource));
    }

    [Fact]
    public void Compiled_Facts_Equal_The_Yaml_Loaded_At_Test_Time()
    {
        var loaded = RuleData.LoadService(RuleData.ResourceText(RuleData.ServiceResource));
        Assert.Equal(loaded.Actions.Select(a => a.Name), BuiltIn.Service.Actions.Select(a => a.Name));
        Assert.Equal(76, BuiltIn.Service.Actions.Count);
        Assert.Equal(loaded.Portkey.HostedPrincipal, BuiltIn.Service.Portkey.HostedPrincipal);
    }

    [Fact]
    public void Every_Rule_Id_Is_In_Its_Category_Range()
    {
        // The analyzer build enforces these ranges (RS1018); checking them here fails the tests, not only a clean build.
        string file = Path.Combine(Lint.Repo, "analyzers", "PolicyCheck.Analyzers", "DiagnosticCategoryAndIdRanges.txt");
        var ranges = File.ReadAllLines(file).Where(l => l.StartsWith("PolicyCheck.", System.StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim().Split('-'));
        var outside = BuiltIn.Catalog.Rules
            .Where(r => ranges.TryGetValue("PolicyCheck." + r.Category, out var range)
                && (string.CompareOrdinal(r.Id, range[0]) < 0 || string.CompareOrdinal(r.Id, range[1]) > 0))
            .Select(r => $"{r.Id} ({r.Category})").ToList();
        Assert.True(outside.Count == 0, "outside their category's range in " + file + ": " + string.Join(", ", outside));
    }

    [Fact]
    public void Every_Rule_Has_A_Catalogue_Entry_A_Doc_Page_And_Tests()
    {
        var ids = AllRules.Create().Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // PC4001 is the config loader's; PC5xxx are the Roslyn analyzers' (tested in tests/PolicyCheck.Analyzers.Tests); PC6xxx are diff's (DiffCommandTests).
        var catalogued = BuiltIn.Catalog.Rules.Where(r => r.Id != RuleIds.ConfigInvalid && r.Category != "Code" && r.Category != "Change").Select(r => r.Id).ToList();
        Assert.Equal(catalogued.OrderBy(x => x), ids.OrderBy(x => x));
        foreach (var rule in AllRules.Create())
        {
            Assert.True(File.Exists(Path.Combine(Lint.Repo, "docs", "rules", rule.Id + ".md")), rule.Id + " has no doc page");
            // The test folders mirror src/: Rules/<Folder>/<Class>.cs is tested in Rules/<Folder>/<Class>Tests.cs.
            string name = rule.GetType().Name;
            string folder = rule.GetType().Namespace!.Substring("PolicyCheck.Rules.".Length);
            Assert.True(File.Exists(Path.Combine(Lint.Repo, "src", "PolicyCheck.Core", "Rules", folder, name + ".cs")), name + " is not in src/PolicyCheck.Core/Rules/" + folder);
            Assert.True(File.Exists(Path.Combine(Lint.Repo, "tests", "PolicyCheck.Tests", "Rules", folder, name + "Tests.cs")), name + " has no test file in tests/PolicyCheck.Tests/Rules/" + folder);
        }
    }

    [Fact]
    public void Managed_Policies_Parse_Cleanly()
    {
        foreach (var m in BuiltIn.Service.ManagedPolicies)
        {
            var doc = PolicyCheck.Model.PolicyReader.Read(m.Name, m.Document);
            Assert.True(doc.IsParsed, m.Name);
            Assert.Empty(doc.ParseIssues);
            Assert.Empty(doc.ModelIssues);
        }
    }
}

using System.Linq;
using System.Reflection;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Generate;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>LintEngine.CreateDefault is the one way to build an engine; its rules come from the catalogue.</summary>
public sealed class EngineFactoryTests
{
    [Fact]
    public void NoPublicConstructor_SoEveryEngineComesFromCreateDefault()
        => Assert.Empty(typeof(LintEngine).GetConstructors(BindingFlags.Public | BindingFlags.Instance));

    [Fact]
    public void CreateDefault_RunsEveryCatalogueRuleWithAClass_InCatalogueOrder()
    {
        var ids = LintEngine.CreateDefault(null).Rules.Select(r => r.Id).ToList();
        var withClass = PolicyCheck.Generate.RuleData.LoadCatalogEntries(PolicyCheck.Generate.RuleData.ResourceText(PolicyCheck.Generate.RuleData.CatalogResource), out _)
            .Where(e => e.Class != null).Select(e => e.Descriptor.Id).ToList();
        Assert.Equal(withClass, ids);
        Assert.Equal(BuiltIn.Catalog.Rules.Where(r => r.Category != "Code" && r.Category != "Change" && r.Id != "PC4001").Select(r => r.Id), ids);
    }

    [Fact]
    public void Filter_KeepsOnlyWhatItSays()
    {
        var grammar = LintEngine.CreateDefault(null, d => d.Scope == RuleScope.Any).Rules.Select(r => r.Id).ToList();
        Assert.NotEmpty(grammar);
        Assert.All(grammar, id => Assert.StartsWith("PC1", id));
        Assert.Equal(new[] { "PC3012" }, LintEngine.CreateDefault(null, d => d.Id == "PC3012").Rules.Select(r => r.Id));
    }

    [Fact]
    public void RuleClassNames_MatchTheirCatalogueNames()
    {
        foreach (var rule in LintEngine.CreateDefault(null).Rules)
        {
            string name = BuiltIn.Catalog.Get(rule.Id).Name;
            string expected = string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1))) + "Rule";
            Assert.Equal(expected, rule.GetType().Name);
        }
    }
}

/// <summary>Relations between rules are declared in catalog.yml, so where a rule sits in the catalogue does not matter.</summary>
public sealed class RuleOrderTests
{
    [Fact]
    public void AProofListedFirst_StillRunsAfterTheRulesItStaysQuietFor()
    {
        var all = LintEngine.CreateDefault(null).Rules;
        var reversed = all.Reverse().ToList();
        var ordered = LintEngine.Order(reversed, BuiltIn.Catalog).Select(r => r.Id).ToList();
        foreach (var id in new[] { "PC3011", "PC3012" })
        {
            foreach (var quiet in BuiltIn.Catalog.Get(id).QuietWhereReported)
                Assert.True(ordered.IndexOf(quiet) < ordered.IndexOf(id), $"{quiet} must run before {id}");
        }
        Assert.Equal(all.Count, ordered.Count);
    }

    [Fact]
    public void TheProofsDeclareWhomTheyStayQuietFor()
        => Assert.Equal(Enumerable.Range(1, 10).Select(i => $"PC30{i:00}"), BuiltIn.Catalog.Get("PC3011").QuietWhereReported);
}

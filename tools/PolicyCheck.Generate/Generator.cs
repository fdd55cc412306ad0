using System.Collections.Generic;
using System.IO;
using PolicyCheck.Inputs;

namespace PolicyCheck.Generate;

/// <summary>Everything generated from rules/: path (relative to the repository) → content.</summary>
public static class Generator
{
    public static SortedDictionary<string, string> Produce(string repoRoot)
    {
        string service = File.ReadAllText(Path.Combine(repoRoot, "rules", "service.yml"));
        string catalogText = File.ReadAllText(Path.Combine(repoRoot, "rules", "catalog.yml"));
        var facts = RuleData.LoadService(service);
        var entries = RuleData.LoadCatalogEntries(catalogText, out _);
        var catalog = RuleData.LoadCatalog(catalogText);
        var files = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
        {
            [FactsCodeWriter.RelativePath] = FactsCodeWriter.Write(facts, catalog),
            [FactsCodeWriter.AllRulesPath] = FactsCodeWriter.WriteAllRules(entries),
            [FactsCodeWriter.RuleIdsPath] = FactsCodeWriter.WriteRuleIds(catalog),
            [RuleDocsWriter.Folder + "/README.md"] = RuleDocsWriter.WriteIndex(entries),
            [DescriptorsWriter.CodePath] = DescriptorsWriter.WriteCode(catalog),
            [DescriptorsWriter.ReleasesPath] = DescriptorsWriter.WriteReleases(catalog),
            [DescriptorsWriter.PolicyLiteralPath] = DescriptorsWriter.WritePolicyLiteral(catalog),
            [RequestKeysDocWriter.RelativePath] = RequestKeysDocWriter.Write(facts),
        };
        foreach (var e in entries) files[RuleDocsWriter.Folder + "/" + e.Descriptor.Id + ".md"] = RuleDocsWriter.Write(e);
        return files;
    }
}

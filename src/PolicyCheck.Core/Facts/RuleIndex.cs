using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

/// <summary>The rule catalogue. Generated from rules/catalog.yml.</summary>
public sealed class RuleIndex
{
    private readonly Dictionary<string, RuleDescriptor> _byId;

    public RuleIndex(string helpUriBase, IReadOnlyList<RuleDescriptor> rules)
    {
        HelpUriBase = helpUriBase;
        Rules = rules;
        _byId = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rules) _byId[r.Id] = r;
    }

    public string HelpUriBase { get; }
    public IReadOnlyList<RuleDescriptor> Rules { get; }

    public RuleDescriptor? Find(string id) => _byId.TryGetValue(id, out var r) ? r : null;

    public RuleDescriptor Get(string id) => Find(id) ?? throw new KeyNotFoundException($"rule {id} is not in the catalogue");

    public string HelpUri(string id) => HelpUriBase + id + ".md";

    public static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}

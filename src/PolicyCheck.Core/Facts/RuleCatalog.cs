using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

public enum Severity
{
    Note = 0,
    Warning = 1,
    Error = 2,
}

public sealed class RuleDescriptor
{
    public RuleDescriptor(string id, string name, string title, Severity severity, string category, string help, string fix, string? severityVaries = null)
    {
        SeverityVaries = severityVaries;
        Id = id;
        Name = name;
        Title = title;
        DefaultSeverity = severity;
        Category = category;
        Help = help;
        Fix = fix;
    }

    public string Id { get; }
    /// <summary>Kebab-case name, e.g. "external-id-operator".</summary>
    public string Name { get; }
    public string Title { get; }
    public Severity DefaultSeverity { get; }
    public string Category { get; }
    public string Help { get; }
    public string Fix { get; }
    /// <summary>When the rule reports at another severity than its default, and why (null: never).</summary>
    public string? SeverityVaries { get; }
}

/// <summary>The rule catalogue. Generated from rules/catalog.yml.</summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, RuleDescriptor> _byId;

    public RuleCatalog(string helpUriBase, IReadOnlyList<RuleDescriptor> rules)
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

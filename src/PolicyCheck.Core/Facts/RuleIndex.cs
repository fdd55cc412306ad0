using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

public enum Severity
{
    Note = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>Which roles a rule checks (catalog.yml scope).</summary>
public enum RuleScope
{
    /// <summary>Only roles about the gateway (its trust names the gateway's principal, or its policies grant Claude Platform).</summary>
    Gateway,
    /// <summary>Every role: the general IAM grammar and catalogue checks.</summary>
    Any,
}

public sealed class RuleDescriptor
{
    public RuleDescriptor(string id, string name, string title, Severity severity, string category, string help, string fix, string? severityVaries = null,
        RuleScope scope = RuleScope.Gateway, IReadOnlyList<string>? quietWhereReported = null)
    {
        Scope = scope;
        QuietWhereReported = quietWhereReported ?? System.Array.Empty<string>();
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
    /// <summary>Rules that, when they reported inside a statement, make this one stay quiet there (it runs after them).</summary>
    public IReadOnlyList<string> QuietWhereReported { get; }
    /// <summary>Which roles the rule checks: every role, or only the gateway's.</summary>
    public RuleScope Scope { get; }
    /// <summary>When the rule reports at another severity than its default, and why (null: never).</summary>
    public string? SeverityVaries { get; }
}

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

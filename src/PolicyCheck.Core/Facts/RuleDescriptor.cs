using System.Collections.Generic;

namespace PolicyCheck.Facts;

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

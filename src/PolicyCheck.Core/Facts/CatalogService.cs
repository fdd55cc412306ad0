using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

/// <summary>One service of the AWS catalogue: actions, resource ARN templates, condition keys with types.</summary>
public sealed class CatalogService
{
    internal CatalogService(string prefix, string name)
    {
        Prefix = prefix;
        Name = name;
    }

    public string Prefix { get; }
    public string Name { get; }
    public Dictionary<string, CatalogAction> Actions { get; } = new Dictionary<string, CatalogAction>(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> ResourceArns { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public Dictionary<string, string> ConditionKeys { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

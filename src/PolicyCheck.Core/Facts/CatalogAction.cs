using System.Collections.Generic;

namespace PolicyCheck.Facts;

/// <summary>One action of the AWS catalogue.</summary>
public sealed class CatalogAction
{
    public CatalogAction(string service, string name, string access, IReadOnlyList<string> resourceTypes, IReadOnlyList<string> conditionKeys)
    {
        Service = service;
        Name = name;
        Access = access;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
    }

    public string Service { get; }
    public string Name { get; }
    public string Access { get; }
    /// <summary>Resource type names; empty means the action takes only "*".</summary>
    public IReadOnlyList<string> ResourceTypes { get; }
    public IReadOnlyList<string> ConditionKeys { get; }
}

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
    /// <summary>The condition keys that apply to the action: its own and those of the resource types it takes.</summary>
    public IReadOnlyList<string> ConditionKeys { get; }

    /// <summary>True when <paramref name="key"/> applies to the action; templates such as "aws:ResourceTag/${TagKey}" match by their fixed prefix.</summary>
    public bool Takes(string key)
    {
        foreach (string k in ConditionKeys)
        {
            if (string.Equals(k, key, System.StringComparison.OrdinalIgnoreCase)) return true;
            int v = k.IndexOf("${", System.StringComparison.Ordinal);
            if (v < 0) v = k.IndexOf('<');
            if (v > 0 && key.Length > v && string.Compare(key, 0, k, 0, v, System.StringComparison.OrdinalIgnoreCase) == 0) return true;
        }
        return false;
    }
}

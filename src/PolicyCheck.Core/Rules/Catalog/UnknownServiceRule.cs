using PolicyCheck.Engine;

namespace PolicyCheck.Rules.Catalog;

/// <summary>PC1021: an action's service prefix is not an AWS service (AA INVALID_SERVICE_IN_ACTION); a warning, as the service may be newer than the catalogue.</summary>
public sealed class UnknownServiceRule : PolicyRule
{
    public override string Id => "PC1021";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, value, prefix, _) in CatalogActions.All(context))
        {
            if (Code(prefix, context)) continue;
            var catalog = context.Catalog;
            if (catalog == null || catalog.FindService(prefix) != null) continue;
            var names = new System.Collections.Generic.List<string>();
            foreach (var s in catalog.Services) names.Add(s.Prefix);
            string? near = Names.Nearest(prefix.ToLowerInvariant(), names);
            context.Report(doc, value.Span, $"\"{prefix}\" is not a service prefix in {CatalogActions.Stale(catalog)}{(near != null ? $"; did you mean \"{near}\"?" : string.Empty)}",
                near != null ? $"use \"{near}:…\"" : "check the service prefix in the Service Authorization Reference");
        }
    }

    /// <summary>Names PC2001 already reports (anthropic, claude…) are left to it.</summary>
    private static bool Code(string prefix, RuleContext context)
    {
        foreach (var n in context.Facts.WrongNames.Namespaces)
        {
            if (string.Equals(n, prefix, System.StringComparison.OrdinalIgnoreCase) && context.Catalog?.FindService(prefix) == null) return true;
        }
        return false;
    }
}

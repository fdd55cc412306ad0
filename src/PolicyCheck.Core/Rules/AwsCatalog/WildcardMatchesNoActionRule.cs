using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1023: a wildcard action that matches no action of its service.</summary>
public sealed class WildcardMatchesNoActionRule : PolicyRule
{
    public override string Id => "PC1023";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, value, prefix, name) in CatalogActions.All(context))
        {
            if (!Wildcard.HasWildcard(name) || name == "*") continue;
            var catalog = context.Catalog;
            var service = catalog?.FindService(prefix);
            if (catalog == null || service == null || CatalogActions.Expand(service, name).Count > 0) continue;
            context.Report(doc, value.Span, $"\"{value.Value}\" matches no action of {service.Name} in {CatalogActions.Stale(catalog)}");
        }
    }
}

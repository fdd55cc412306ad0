using System.Collections.Generic;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1022: an action the service does not have (AA INVALID_ACTION); a warning naming the catalogue date, with the nearest valid name.</summary>
public sealed class UnknownServiceActionRule : PolicyRule
{
    public override string Id => "PC1022";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, value, prefix, name) in CatalogActions.All(context))
        {
            if (Wildcard.HasWildcard(name)) continue;
            var catalog = context.Catalog;
            var service = catalog?.FindService(prefix);
            if (catalog == null || service == null || service.Actions.ContainsKey(name)) continue;
            if (context.Full(doc))
            {
                context.Report(doc, value.Span, string.Empty); // past the cap: counted, not shown, so no nearest name is looked for
                continue;
            }
            var names = new List<string>(service.Actions.Keys);
            string? near = Names.Nearest(name, names);
            context.Report(doc, value.Span, $"\"{value.Value}\" is not an action of {service.Name} in {CatalogActions.Stale(catalog)}{(near != null ? $"; did you mean \"{service.Prefix}:{near}\"?" : string.Empty)} (if the action is newer than the catalogue, update PolicyCheck)",
                near != null ? $"use \"{service.Prefix}:{near}\"" : null);
        }
    }
}

using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1026: a condition key its service does not define, or an unknown aws: global key (AA INVALID_SERVICE_CONDITION_KEY, INVALID_GLOBAL_CONDITION_KEY).</summary>
public sealed class UnknownConditionKeyRule : PolicyRule
{
    public override string Id => "PC1026";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, clause) in ConditionKeys.All(context))
        {
            string key = clause.Key.Value;
            int colon = key.IndexOf(':');
            if (colon <= 0)
            {
                context.Report(doc, clause.Key.Span, $"\"{key}\" is not a condition key (service:Key or aws:Key)");
                continue;
            }
            if (PolicyCheck.Facts.CommonIam.KeyType(key) != null) continue;
            var catalog = context.Catalog;
            if (catalog == null) return;
            string prefix = key.Substring(0, colon);
            if (string.Equals(prefix, "aws", StringComparison.OrdinalIgnoreCase))
            {
                if (!catalog.IsGlobalKey(key))
                    context.Report(doc, clause.Key.Span, $"\"{key}\" is not an AWS global condition key in {CatalogActions.Stale(catalog)}; the condition never matches it");
                continue;
            }
            var service = catalog.FindService(prefix);
            if (service == null || catalog.KeyType(key) != null) continue; // unknown services: PC1021 speaks
            context.Report(doc, clause.Key.Span, $"\"{key}\" is not a condition key of {service.Name} in {CatalogActions.Stale(catalog)}; the condition never matches it");
        }
    }
}

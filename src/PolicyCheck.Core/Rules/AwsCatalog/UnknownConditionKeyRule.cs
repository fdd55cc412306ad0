using System;
using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1026: a condition key its service does not define, or an unknown aws: global key (AA INVALID_SERVICE_CONDITION_KEY, INVALID_GLOBAL_CONDITION_KEY; the deprecated aws:ARN).</summary>
public sealed class UnknownConditionKeyRule : PolicyRule
{
    public override string Id => "PC1026";

    public override void Check(RuleContext context)
    {
        foreach (var (doc, _, clause) in context.Role.ConditionClauses())
        {
            string key = clause.Key.Value;
            int colon = key.IndexOf(':');
            if (colon <= 0)
            {
                context.Report(doc, clause.Key.Span, $"\"{key}\" is not a condition key (service:Key or aws:Key)");
                continue;
            }
            if (PolicyCheck.Facts.CommonIam.KeyType(key) != null || ConditionKeys.IsTagFamilyWithoutName(key, out _)) continue; // the latter: PC1038
            if (string.Equals(key, "aws:ARN", StringComparison.OrdinalIgnoreCase))
            {
                context.Report(doc, clause.Key.Span,
                    "\"aws:ARN\" is a deprecated global condition key that IAM no longer supports (AA DEPRECATED_GLOBAL_CONDITION_KEY, UNSUPPORTED_GLOBAL_CONDITION_KEY); the condition does not test what it says",
                    "use aws:PrincipalArn (the caller) or aws:SourceArn (the resource a service acts for)");
                continue;
            }
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

using PolicyCheck.Engine;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1021: an action's service prefix is not an AWS service (AA INVALID_SERVICE_IN_ACTION); a warning, as the service may be newer than the catalogue.</summary>
public sealed class UnknownServiceRule : PolicyRule
{
    public override string Id => "PC1021";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in s.ActionLists)
                {
                    if (list == null) continue;
                    foreach (var v in list.Values)
                    {
                        if (v.Value == "*" || Names.SplitAction(v, out _, out _)) continue;
                        context.Report(doc, v.Span, $"\"{Names.Printable(v.Value)}\" is not an action: actions are written service:Action (s3:GetObject)", "write the action as service:Action");
                    }
                }
            }
        }
        foreach (var (doc, _, value, prefix, _) in CatalogActions.All(context))
        {
            if (Code(prefix, context) || Wildcard.HasWildcard(prefix)) continue; // a wildcard prefix: PC1046
            var catalog = context.Catalog;
            if (catalog == null || catalog.FindService(prefix) != null) continue;
            if (context.Full(doc))
            {
                context.Report(doc, value.Span, string.Empty); // past the cap: counted, not shown
                continue;
            }
            var names = new System.Collections.Generic.List<string>();
            foreach (var s in catalog.Services) names.Add(s.Prefix);
            string? near = Names.Nearest(prefix.ToLowerInvariant(), names);
            context.Report(doc, value.Span, $"\"{prefix}\" is not a service prefix in {CatalogActions.Stale(catalog)}{(near != null ? $"; did you mean \"{near}\"?" : string.Empty)}",
                near != null ? $"use \"{near}:…\"" : "check the service prefix in the Service Authorization Reference");
        }
    }

    /// <summary>Names PC2001 already reports (anthropic, claude…) are left to it.</summary>
    private static bool Code(string prefix, RuleContext context)
        => context.Facts.WrongNames.IsWrongNamespace(prefix) && context.Catalog?.FindService(prefix) == null;
}

using System;
using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>PC1025: a malformed ARN in Resource/NotResource: partition, service, region or account (AA INVALID_ARN_*, INVALID_PARTITION).</summary>
public sealed class InvalidArnRule : PolicyRule
{
    public override string Id => "PC1025";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                foreach (var list in new[] { s.Resource, s.NotResource })
                {
                    if (list == null) continue;
                    foreach (var v in list.Values) Check(context, doc, v);
                }
            }
        }
    }

    private static void Check(RuleContext context, PolicyDocument doc, StringValue v)
    {
        string value = Access.ReplaceVariables(v.Value);
        if (!value.StartsWith("arn:", StringComparison.Ordinal)) return;
        var parts = value.Split(Arn.Colon, 6);
        if (parts.Length < 6)
        {
            if (!Wildcard.HasWildcard(value)) context.Report(doc, v.Span, $"\"{v.Value}\" is not a complete ARN (arn:partition:service:region:account:resource)");
            return;
        }
        string partition = parts[1], service = parts[2], region = parts[3], account = parts[4];
        if (string.Equals(service, context.Facts.Namespace, StringComparison.Ordinal)) return; // PC2004
        if (!Wildcard.HasWildcard(partition) && !context.Facts.Partitions.Contains(partition))
        {
            context.Report(doc, v.Span, $"\"{partition}\" is not an AWS partition ({string.Join(", ", context.Facts.Partitions)})");
            return;
        }
        if (!Wildcard.HasWildcard(service))
        {
            var catalog = context.Catalog;
            if (service.Length == 0 || (catalog != null && catalog.FindService(service) == null && !context.Facts.WrongNames.IsWrongNamespace(service)))
            {
                context.Report(doc, v.Span, $"\"{service}\" in \"{v.Value}\" is not a service prefix{(catalog != null ? " in " + CatalogActions.Stale(catalog) : string.Empty)}", severity: Severity.Warning);
                return;
            }
        }
        if (region.Length > 0 && !Wildcard.HasWildcard(region) && !Arn.IsRegionShape(region))
        {
            context.Report(doc, v.Span, $"\"{region}\" is not a region in \"{v.Value}\"");
            return;
        }
        if (account.Length > 0 && !Wildcard.HasWildcard(account) && !Arn.IsAccountId(account) && account != "aws")
        {
            context.Report(doc, v.Span, $"\"{account}\" is not a 12-digit account ID in \"{v.Value}\"");
        }
    }
}

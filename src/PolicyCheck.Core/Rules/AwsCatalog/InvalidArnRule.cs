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
                foreach (var list in s.ResourceLists)
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
        var arn = Arn.TryParse(value);
        if (arn == null)
        {
            if (!Wildcard.HasWildcard(value)) context.Report(doc, v.Span, $"\"{v.Value}\" is not a complete ARN (arn:partition:service:region:account:resource)");
            return;
        }
        string partition = arn.Partition, service = arn.Service, region = arn.Region, account = arn.Account;
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
            return;
        }
        CheckAgainstTemplates(context, doc, v, arn.Resource, service, region);
    }

    /// <summary>
    /// Against the service's resource ARN formats in the catalogue: a missing region where every format has one (AA
    /// MISSING_ARN_REGION) and a resource part no format matches (AA INVALID_ARN_RESOURCE). Warnings: the catalogue may be older.
    /// </summary>
    private static void CheckAgainstTemplates(RuleContext context, PolicyDocument doc, StringValue v, string resource, string service, string region)
    {
        if (Wildcard.HasWildcard(service)) return;
        var catalog = context.Catalog;
        var svc = catalog?.FindService(service);
        if (catalog == null || svc == null || svc.ResourceArns.Count == 0) return;
        if (context.Facts.WrongNames.IsWrongNamespace(service)) return; // PC2004 names the service
        bool regional = false, global = false;
        foreach (string template in svc.ResourceArns.Values)
        {
            var t = template.Split(Arn.Colon, 6);
            if (t.Length < 6 || !Wildcard.Match(Placeholders(t[5]), resource, ignoreCase: false)) continue;
            if (t[3].Length == 0) global = true; else regional = true;
        }
        if (region.Length == 0 && regional && !global)
        {
            context.Report(doc, v.Span, $"\"{v.Value}\" has no region, but this {svc.Name} resource's ARN has one in {CatalogActions.Stale(catalog)}, so it names no resource",
                "put the region (or *) between the service and the account", Severity.Warning);
            return;
        }
        if (regional || global || Wildcard.HasWildcard(resource) || resource.IndexOf('\u00ab') >= 0) return;
        context.Report(doc, v.Span, $"\"{resource}\" in \"{v.Value}\" matches none of the {svc.Name} resource ARN formats in {CatalogActions.Stale(catalog)}",
            "write the resource part as the service defines it (see the Service Authorization Reference)", Severity.Warning);
    }

    /// <summary>"instance/${InstanceId}" as the wildcard pattern "instance/*".</summary>
    private static string Placeholders(string part)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < part.Length; i++)
        {
            if (part[i] == '$' && i + 1 < part.Length && part[i + 1] == '{')
            {
                int end = part.IndexOf('}', i + 2);
                if (end > 0)
                {
                    sb.Append('*');
                    i = end;
                    continue;
                }
            }
            sb.Append(part[i]);
        }
        return sb.ToString();
    }
}

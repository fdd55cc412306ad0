using System;
using System.Collections.Generic;
using System.Text;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>
/// PC1024: an Allow statement names actions none of whose resource types match any of its resources (s3:GetObject on
/// the bucket ARN), or an action that takes only "*" with specific resources. The action then grants nothing.
/// </summary>
public sealed class ResourceTypeMismatchRule : PolicyRule
{
    public override string Id => "PC1024";

    public override void Check(RuleContext context)
    {
        foreach (var doc in context.Role.OfKind(DocumentKind.Permission))
        {
            foreach (var s in doc.Statements)
            {
                if (!s.IsAllow || s.Action == null || s.Resource == null || s.Resource.Values.Count == 0) continue;
                bool star = false;
                foreach (var r in s.Resource.Values) star |= r.Value == "*";
                if (star) continue;
                foreach (var value in s.Action.Values)
                {
                    if (!Names.SplitAction(value, out string prefix, out string name) || Wildcard.HasWildcard(name)) continue;
                    if (string.Equals(prefix, context.Facts.Namespace, StringComparison.OrdinalIgnoreCase)) continue; // PC2006
                    // In the gateway's role a bedrock: action is PC2001's mistake; adding a Bedrock resource would widen access.
                    if (context.Role.IsGatewayRole && context.Facts.WrongNames.IsWrongNamespace(prefix)) continue;
                    var catalog = context.Catalog;
                    var action = catalog?.FindAction(prefix, name);
                    var service = catalog?.FindService(prefix);
                    if (action == null || service == null) continue;
                    if (action.ResourceTypes.Count == 0)
                    {
                        context.Report(doc, value.Span, $"{service.Prefix}:{action.Name} takes no resource type, only \"Resource\": \"*\"; with the resources of {s.Label} it grants nothing",
                            $"move {service.Prefix}:{action.Name} to a statement with \"Resource\": \"*\"");
                        continue;
                    }
                    if (AnyMatch(service, action, s.Resource.Values)) continue;
                    var arns = new List<string>();
                    foreach (var t in action.ResourceTypes) if (service.ResourceArns.TryGetValue(t, out var arn)) arns.Add(arn);
                    context.Report(doc, value.Span, $"no resource of {s.Label} is of a type {service.Prefix}:{action.Name} acts on ({string.Join(", ", action.ResourceTypes)}); it grants nothing there",
                        arns.Count > 0 ? $"add a Resource such as {arns[0]}" : null);
                }
            }
        }
    }

    private static bool AnyMatch(CatalogService service, CatalogAction action, IReadOnlyList<StringValue> resources)
    {
        foreach (var type in action.ResourceTypes)
        {
            if (!service.ResourceArns.TryGetValue(type, out var template)) return true; // unknown type: do not guess
            string pattern = Pattern(template);
            foreach (var r in resources)
            {
                string resource = Access.ReplaceVariables(r.Value);
                if (!resource.StartsWith("arn:", StringComparison.Ordinal)) return true;
                if (Overlap(pattern, resource)) return true;
            }
        }
        return false;
    }

    /// <summary>"arn:${Partition}:s3:::${BucketName}/${ObjectName}" → "arn:*:s3:::*/*".</summary>
    private static string Pattern(string template)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '$' && i + 1 < template.Length && template[i + 1] == '{')
            {
                int end = template.IndexOf('}', i);
                if (end > 0)
                {
                    sb.Append('*');
                    i = end;
                    continue;
                }
            }
            sb.Append(template[i]);
        }
        return sb.ToString();
    }

    /// <summary>True when some string matches both wildcard patterns ('*' any run, '?' one character).</summary>
    public static bool Overlap(string a, string b)
    {
        var memo = new Dictionary<long, bool>();
        bool Go(int i, int j)
        {
            long key = ((long)i << 32) | (uint)j;
            if (memo.TryGetValue(key, out var known)) return known;
            bool result;
            if (i == a.Length && j == b.Length) result = true;
            else if (i < a.Length && a[i] == '*') result = Go(i + 1, j) || (j < b.Length && Go(i, j + 1));
            else if (j < b.Length && b[j] == '*') result = Go(i, j + 1) || (i < a.Length && Go(i + 1, j));
            else if (i < a.Length && j < b.Length && (a[i] == b[j] || a[i] == '?' || b[j] == '?')) result = Go(i + 1, j + 1);
            else result = false;
            memo[key] = result;
            return result;
        }
        return Go(0, 0);
    }
}

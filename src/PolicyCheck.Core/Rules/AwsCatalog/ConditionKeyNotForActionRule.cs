using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

/// <summary>
/// PC1036: a condition key that does not apply to the statement's actions, per action from the catalogue (AA
/// UNSUPPORTED_ACTION_FOR_CONDITION_KEY, MISSING_ACTION_FOR_CONDITION_KEY and the *_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE family).
/// Global keys other than the tag keys are in every request and are not checked.
/// </summary>
public sealed class ConditionKeyNotForActionRule : PolicyRule
{
    public override string Id => "PC1036";

    public override void Check(RuleContext context)
    {
        Facts.AwsCatalog? catalog = null;
        foreach (var (doc, s, c) in context.Role.ConditionClauses())
        {
            string key = c.Key.Value;
            bool tag = ConditionKeys.IsTagKey(key);
            int colon = key.IndexOf(':');
            if (colon <= 0) continue;
            string prefix = key.Substring(0, colon);
            if (!tag && (string.Equals(prefix, "aws", StringComparison.OrdinalIgnoreCase) || string.Equals(prefix, context.Facts.Namespace, StringComparison.OrdinalIgnoreCase)
                || CommonIam.KeyType(key) != null)) continue; // global keys are in every request; STS and Claude Platform keys are known without the catalogue
            catalog ??= context.Catalog;
            if (catalog == null) return;
            if (!tag && (catalog.FindService(prefix) == null || catalog.KeyType(key) == null)) continue; // PC1021/PC1026 speak
            var op = Operators.Find(c.BaseOperator);
            if (op == null) continue;
            bool absentHolds = WhenAbsent(op, c);
            if (s.NotAction != null)
            {
                if (!tag || !(s.IsAllow || s.IsDeny)) continue;
                context.Report(doc, c.Key.Span,
                    $"{s.Label} uses {key} with NotAction: the key is absent from the requests of the many actions that take no tags, so for them the condition {(absentHolds ? "always holds" : "never holds")} and the statement {Effect(s, absentHolds)} them",
                    "list the actions in Action instead of NotAction", s.IsAllow && !absentHolds ? Severity.Note : (Severity?)null);
                continue;
            }
            if (s.Action == null) continue;
            var without = new List<string>();
            int with = 0;
            foreach (var v in s.Action.Values)
            {
                if (!Names.SplitAction(v, out string ap, out string an)) continue; // "*": too broad to list
                var service = catalog.FindService(ap);
                if (service == null) continue;
                foreach (var a in CatalogActions.Expand(service, an))
                {
                    if (a.Takes(key)) with++;
                    else if (without.Count < 1000) without.Add(service.Prefix + ":" + a.Name);
                }
            }
            if (without.Count == 0) continue;
            string effect = $"the key is absent from their requests, so the condition {(absentHolds ? "always holds" : "never holds")} and the statement {Effect(s, absentHolds)} them";
            if (tag)
            {
                context.Report(doc, c.Key.Span, $"{key} does not apply to {Names.List(without, 4)} in {CatalogActions.Stale(catalog)}: {effect}",
                    "move those actions to a statement without this key (use their resource names instead of tags)", s.IsAllow && !absentHolds ? Severity.Note : (Severity?)null);
            }
            else if (with == 0)
            {
                var takers = Takers(catalog, prefix, key);
                string who = takers.Count > 0 ? $" ({key} applies to {Names.List(takers, 3)})" : string.Empty;
                context.Report(doc, c.Key.Span, $"no action of {s.Label} takes {key} in {CatalogActions.Stale(catalog)}{who}: {effect}",
                    takers.Count > 0 ? $"add the action the key belongs to ({takers[0]}) or remove the key" : "remove the key or add the action it belongs to");
            }
            else
            {
                context.Report(doc, c.Key.Span, $"{key} does not apply to {Names.List(without, 4)} in {CatalogActions.Stale(catalog)}: {effect}",
                    "move those actions to a statement without this key");
            }
        }
    }

    /// <summary>Whether the clause holds when the key is missing from the request.</summary>
    private static bool WhenAbsent(OperatorInfo op, ConditionClause c)
    {
        if (op.Family == OperatorFamily.Null) return c.Values.Count > 0 && string.Equals(c.Values[0].Value, "true", StringComparison.OrdinalIgnoreCase);
        if (c.Qualifier == SetQualifier.ForAllValues) return true;
        return c.IfExists || op.Negated;
    }

    private static string Effect(Statement s, bool holds)
        => s.IsDeny ? (holds ? "denies" : "never denies") : (holds ? "allows, whatever the key's value," : "never allows");

    private static List<string> Takers(Facts.AwsCatalog catalog, string prefix, string key)
    {
        var list = new List<string>();
        var service = catalog.FindService(prefix);
        if (service == null) return list;
        foreach (var a in service.Actions.Values)
        {
            if (a.Takes(key)) list.Add(service.Prefix + ":" + a.Name);
        }
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

internal static class ConditionKeys
{
    public static IEnumerable<(PolicyDocument Doc, Statement Statement, ConditionClause Clause)> All(RuleContext context)
    {
        foreach (var doc in context.Role.Documents)
        {
            foreach (var s in doc.Statements)
            {
                if (s.Condition == null) continue;
                foreach (var c in s.Condition.Clauses) yield return (doc, s, c);
            }
        }
    }

    /// <summary>The key's type from the catalogue (ArrayOf… marks multivalued keys), or null when unknown.</summary>
    public static string? Type(RuleContext context, string key) => PolicyCheck.Facts.CommonIam.KeyType(key) ?? context.Catalog?.KeyType(key);

    public static string Base(string type) => type.StartsWith("ArrayOf", StringComparison.Ordinal) ? type.Substring("ArrayOf".Length) : type;
}

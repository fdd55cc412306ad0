using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.AwsCatalog;

internal static class ConditionKeys
{
    /// <summary>The key's type from the catalogue (ArrayOf… marks multivalued keys), or null when unknown.</summary>
    public static string? Type(RuleContext context, string key) => PolicyCheck.Facts.CommonIam.KeyType(key) ?? context.Catalog?.KeyType(key);

    /// <summary>The global tag keys whose presence depends on the action: aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys.</summary>
    public static bool IsTagKey(string key)
        => key.StartsWith("aws:ResourceTag/", StringComparison.OrdinalIgnoreCase) || key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase)
           || string.Equals(key, "aws:TagKeys", StringComparison.OrdinalIgnoreCase);

    /// <summary>"aws:ResourceTag", "iam:ResourceTag/" and the like: a tag key family written without the tag's name.</summary>
    public static bool IsTagFamilyWithoutName(string key, out string family)
    {
        family = string.Empty;
        int colon = key.IndexOf(':');
        if (colon <= 0) return false;
        string rest = key.Substring(colon + 1).TrimEnd('/');
        foreach (string f in TagFamilies)
        {
            if (string.Equals(rest, f, StringComparison.OrdinalIgnoreCase))
            {
                family = key.Substring(0, colon + 1) + f;
                return true;
            }
        }
        return false;
    }

    private static readonly string[] TagFamilies = { "ResourceTag", "RequestTag", "PrincipalTag" };

    public static string Base(string type) => type.StartsWith("ArrayOf", StringComparison.Ordinal) ? type.Substring("ArrayOf".Length) : type;
}

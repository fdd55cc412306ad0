using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Model;

namespace PolicyCheck.Rules.Trust;

/// <summary>Shared questions about trust policy statements.</summary>
public static class TrustStatements
{
    public const string AssumeRole = "sts:AssumeRole";
    public const string ExternalIdKey = "sts:ExternalId";

    /// <summary>Allow statements of the role's trust policies that allow sts:AssumeRole (found once per role: several rules ask).</summary>
    public static IReadOnlyList<(PolicyDocument Doc, Statement Statement)> AssumeRoleAllows(RoleGroup role)
    {
        if (role.AssumeRoleAllows is { } found) return found;
        found = new List<(PolicyDocument, Statement)>();
        foreach (var doc in role.OfKind(DocumentKind.Trust))
        {
            foreach (var s in doc.Statements)
            {
                if (s.IsAllow && Access.CoversAction(s, AssumeRole)) found.Add((doc, s));
            }
        }
        return role.AssumeRoleAllows = found;
    }

    public static IEnumerable<PrincipalEntry> AwsPrincipals(Statement s)
    {
        if (s.Principal == null) yield break;
        foreach (var e in s.Principal.Entries)
        {
            if (e.Type == "AWS" || e.Type == "*") yield return e;
        }
    }

    public static bool NamesPrincipal(Statement s, string arn)
    {
        foreach (var e in AwsPrincipals(s))
        {
            if (string.Equals(e.Value.Value, arn, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the statement's Principal admits the gateway's principal as the evaluator matches it: the role (or a
    /// session of it) by ARN, its account (ID or :root), or "*".
    /// </summary>
    public static bool Admits(Statement s, string principal)
    {
        var caller = GatewayRequests.SessionOf(principal);
        if (s.Principal != null)
        {
            foreach (var e in s.Principal.Entries)
            {
                if (caller.MatchedBy(e.Type, e.Value.Value)) return true;
            }
        }
        return false;
    }

    /// <summary>True when the statement is for one of the expected principals (or for anyone when none is expected).</summary>
    public static bool ForExpected(Statement s, IReadOnlyList<string> expected)
    {
        if (expected.Count == 0) return s.Principal != null;
        foreach (var e in expected) if (NamesPrincipal(s, e) || Admits(s, e)) return true;
        return false;
    }

    public static List<ConditionClause> ExternalIdClauses(Statement s)
    {
        var list = new List<ConditionClause>();
        if (s.Condition == null) return list;
        foreach (var c in s.Condition.Clauses)
        {
            if (string.Equals(c.Key.Value, ExternalIdKey, StringComparison.OrdinalIgnoreCase)) list.Add(c);
        }
        return list;
    }

    /// <summary>Why <paramref name="value"/> looks like a misspelling of <paramref name="expected"/>, or null.</summary>
    public static string? NearMiss(string value, string expected)
    {
        if (value == expected) return null;
        if (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase)) return "it differs only in letter case";
        var a = Arn.TryParse(value);
        var b = Arn.TryParse(expected);
        if (a != null && b != null && a.Service == "iam" && b.Service == "iam")
        {
            if (a.Account == b.Account && a.Resource != b.Resource && Names.Distance(a.Resource, b.Resource) <= 4
                && a.Resource.StartsWith("role/", StringComparison.Ordinal))
            {
                return $"the role name \"{a.Resource}\" differs from \"{b.Resource}\"";
            }
            if (a.Resource == b.Resource && a.Account != b.Account) return $"account {a.Account} differs from {b.Account}";
        }
        if (Names.Distance(value, expected) <= 3) return "it is a few characters off";
        return null;
    }
}

using System;

namespace PolicyCheck.Evaluation;

public enum PrincipalKind
{
    Anonymous,
    Account,
    Role,
    AssumedRole,
    User,
    Service,
    Federated,
    Other,
}

/// <summary>Who makes the request: parsed once from an ARN, an account ID, a service or "*".</summary>
public sealed class CallerPrincipal
{
    private CallerPrincipal(string text, PrincipalKind kind, string? account, string? roleName)
    {
        Text = text;
        Kind = kind;
        Account = account;
        RoleName = roleName;
    }

    public string Text { get; }
    public PrincipalKind Kind { get; }
    public string? Account { get; }
    /// <summary>For a role or an assumed-role session: the role name (without path).</summary>
    public string? RoleName { get; }
    public string? Partition { get; private set; }

    /// <summary>The ARN that aws:PrincipalArn takes: the role ARN for a session.</summary>
    public string PrincipalArn => _principalArn ??= Kind == PrincipalKind.AssumedRole && Account != null && RoleName != null
        ? $"arn:{Partition ?? "aws"}:iam::{Account}:role/{RoleName}"
        : Text;

    private string? _principalArn;

    public static CallerPrincipal Parse(string text)
    {
        string t = text.Trim();
        if (t == "*" || t.Length == 0) return new CallerPrincipal("*", PrincipalKind.Anonymous, null, null);
        if (IsAccountId(t)) return new CallerPrincipal($"arn:aws:iam::{t}:root", PrincipalKind.Account, t, null) { Partition = "aws" };
        if (Engine.Arn.TryParse(t) is { } arn)
        {
            {
                string partition = arn.Partition, service = arn.Service, account = arn.Account, resource = arn.Resource;
                PrincipalKind kind = PrincipalKind.Other;
                string? role = null;
                if (service == "iam" && resource == "root") kind = PrincipalKind.Account;
                else if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal))
                {
                    kind = PrincipalKind.Role;
                    role = LastSegment(resource);
                }
                else if (service == "iam" && resource.StartsWith("user/", StringComparison.Ordinal)) kind = PrincipalKind.User;
                else if (service == "iam" && (resource.StartsWith("saml-provider/", StringComparison.Ordinal) || resource.StartsWith("oidc-provider/", StringComparison.Ordinal))) kind = PrincipalKind.Federated;
                else if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
                {
                    kind = PrincipalKind.AssumedRole;
                    var rs = resource.Split('/');
                    role = rs.Length >= 2 ? rs[1] : null;
                }
                return new CallerPrincipal(t, kind, account.Length > 0 ? account : null, role) { Partition = partition };
            }
        }
        if (t.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || t.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase))
        {
            return new CallerPrincipal(t, t.StartsWith("cognito-identity.", StringComparison.OrdinalIgnoreCase) ? PrincipalKind.Federated : PrincipalKind.Service, null, null);
        }
        if (t.IndexOf('.') > 0) return new CallerPrincipal(t, PrincipalKind.Federated, null, null); // accounts.google.com, graph.facebook.com
        return new CallerPrincipal(t, PrincipalKind.Other, null, null);
    }

    private static string LastSegment(string resource)
    {
        int i = resource.LastIndexOf('/');
        return i >= 0 ? resource.Substring(i + 1) : resource;
    }

    public static bool IsAccountId(string s) => Engine.Arn.IsAccountId(s);

    /// <summary>Does a Principal entry (type and value as written in the policy) name this caller?</summary>
    public bool MatchedBy(string type, string value)
    {
        if (value == "*") return type == "*" || type == "AWS";
        switch (type)
        {
            case "AWS":
                return MatchesAws(value);
            case "Service":
                return Kind == PrincipalKind.Service && string.Equals(value, Text, StringComparison.OrdinalIgnoreCase);
            case "Federated":
                return Kind == PrincipalKind.Federated && string.Equals(value, Text, StringComparison.Ordinal);
            case "CanonicalUser":
                return Kind == PrincipalKind.Other && string.Equals(value, Text, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private bool MatchesAws(string value)
    {
        if (Kind == PrincipalKind.Anonymous || Kind == PrincipalKind.Service || Kind == PrincipalKind.Federated) return false;
        if (IsAccountId(value)) return Account == value;
        if (!Engine.Arn.TryLocate(value, out int service, out int region, out int account, out int resource)) return false;
        bool iam = region - 1 - service == 3 && string.CompareOrdinal(value, service, "iam", 0, 3) == 0;
        if (iam && value.Length - resource == 4 && string.CompareOrdinal(value, resource, "root", 0, 4) == 0) return SameAccount(value, account, resource);
        if (string.Equals(value, Text, StringComparison.Ordinal)) return true;
        // A role ARN also names every session of that role.
        if (Kind == PrincipalKind.AssumedRole && iam && string.CompareOrdinal(value, resource, "role/", 0, 5) == 0)
        {
            if (!SameAccount(value, account, resource) || RoleName == null) return false;
            int name = value.LastIndexOf('/') + 1;
            return value.Length - name == RoleName.Length && string.CompareOrdinal(value, name, RoleName, 0, RoleName.Length) == 0;
        }
        return false;
    }

    /// <summary>Whether the ARN's account part (from <paramref name="start"/> to the colon before <paramref name="resource"/>) is this caller's account.</summary>
    private bool SameAccount(string arn, int start, int resource)
    {
        int length = resource - 1 - start;
        if (Account == null) return false; // an ARN with an empty account names no caller's account
        return Account.Length == length && string.CompareOrdinal(arn, start, Account, 0, length) == 0;
    }

    private string[]? _identities;

    /// <summary>
    /// The identities a request of this caller carries: its own ARN, for a session its role's ARN, and its account
    /// (IAM User Guide, reference_policies_elements_notprincipal).
    /// </summary>
    public string[] Identities => _identities ??= MakeIdentities();

    private string[] MakeIdentities()
    {
        var list = new System.Collections.Generic.List<string> { Text };
        if (Kind == PrincipalKind.AssumedRole && PrincipalArn != Text) list.Add(PrincipalArn);
        if (Account != null && Kind != PrincipalKind.Account) list.Add($"arn:{Partition ?? "aws"}:iam::{Account}:root");
        return list.ToArray();
    }

    /// <summary>Whether every identity of the caller is named by an entry (a NotPrincipal list that excludes it).</summary>
    public bool NamedByAll(System.Collections.Generic.IReadOnlyList<Model.PrincipalEntry> entries)
    {
        var ids = Identities;
        for (int i = 0; i < ids.Length; i++)
        {
            bool named = false;
            for (int j = 0; j < entries.Count && !named; j++) named = Names(entries[j], ids[i]);
            if (!named) return false;
        }
        return true;
    }

    private bool Names(Model.PrincipalEntry e, string identity)
    {
        string v = e.Value.Value;
        if (v == "*") return e.Type == "*" || e.Type == "AWS";
        switch (e.Type)
        {
            case "AWS":
                if (IsAccountId(v)) return identity.EndsWith(":" + v + ":root", StringComparison.Ordinal);
                return string.Equals(v, identity, StringComparison.Ordinal);
            case "Service":
                return Kind == PrincipalKind.Service && string.Equals(v, identity, StringComparison.OrdinalIgnoreCase);
            default:
                return string.Equals(v, identity, StringComparison.Ordinal);
        }
    }

    public override string ToString() => Text;
}

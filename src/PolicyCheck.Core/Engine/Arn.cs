using System;

namespace PolicyCheck.Engine;

/// <summary>An ARN split into its six parts. The resource part keeps any further ':' characters.</summary>
public sealed class Arn
{
    /// <summary>The separator of an ARN's six parts, for Split.</summary>
    public static readonly char[] Colon = { ':' };

    private Arn(string partition, string service, string region, string account, string resource)
    {
        Partition = partition;
        Service = service;
        Region = region;
        Account = account;
        Resource = resource;
    }

    public string Partition { get; }
    public string Service { get; }
    public string Region { get; }
    public string Account { get; }
    public string Resource { get; }

    /// <summary>The six parts of "arn:partition:service:region:account:resource", or null when the value has fewer.</summary>
    public static Arn? TryParse(string value)
    {
        // Many rules parse the same value of a role in turn: the last ARNs each thread parsed are kept (by identity).
        var recent = _recent ??= new (string?, Arn?)[64];
        int slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value) & 63;
        if (ReferenceEquals(recent[slot].Value, value)) return recent[slot].Arn;
        var arn = Parse(value);
        recent[slot] = (value, arn);
        return arn;
    }

    [ThreadStatic] private static (string? Value, Arn? Arn)[]? _recent;

    private static Arn? Parse(string value)
    {
        if (!TryLocate(value, out int service, out int region, out int account, out int resource)) return null;
        string partition = service - 5 == 3 && string.CompareOrdinal(value, 4, "aws", 0, 3) == 0 ? "aws" : value.Substring(4, service - 5);
        return new Arn(partition, value.Substring(service, region - 1 - service), value.Substring(region, account - 1 - region),
            value.Substring(account, resource - 1 - account), value.Substring(resource));
    }

    /// <summary>
    /// Where an ARN's service, region, account and resource parts start, without copying them (the partition starts
    /// at 4). False when the value is not an ARN.
    /// </summary>
    public static bool TryLocate(string value, out int service, out int region, out int account, out int resource)
    {
        service = region = account = resource = 0;
        if (!value.StartsWith("arn:", StringComparison.Ordinal)) return false;
        int i = value.IndexOf(':', 4);
        if (i < 0) return false;
        service = i + 1;
        i = value.IndexOf(':', service);
        if (i < 0) return false;
        region = i + 1;
        i = value.IndexOf(':', region);
        if (i < 0) return false;
        account = i + 1;
        i = value.IndexOf(':', account);
        if (i < 0) return false;
        resource = i + 1;
        return true;
    }

    /// <summary>Whether the ARN's service part is <paramref name="service"/> and its resource starts with <paramref name="resourcePrefix"/>.</summary>
    public static bool Is(string value, string service, string resourcePrefix)
    {
        if (!TryLocate(value, out int s, out int r, out _, out int res)) return false;
        return r - 1 - s == service.Length && string.CompareOrdinal(value, s, service, 0, service.Length) == 0
            && value.Length - res >= resourcePrefix.Length && string.CompareOrdinal(value, res, resourcePrefix, 0, resourcePrefix.Length) == 0;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";

    public static bool IsAccountId(string s)
    {
        if (s.Length != 12) return false;
        foreach (char c in s)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /// <summary>Region shape: us-west-2, eu-central-1, us-gov-west-1, ap-southeast-4...</summary>
    public static bool IsRegionShape(string s)
    {
        // Parts between '-': at least three, none empty, the first of two letters, the last digits, the others letters.
        int parts = 1, start = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && s[i] != '-') continue;
            if (i == start || (parts == 1 && i - start != 2)) return false;
            bool last = i == s.Length;
            for (int j = start; j < i; j++)
            {
                char c = s[j];
                if (last ? c < '0' || c > '9' : c < 'a' || c > 'z') return false;
            }
            if (!last) parts++;
            start = i + 1;
        }
        return parts >= 3;
    }
}

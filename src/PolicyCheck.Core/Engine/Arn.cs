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

    public static Arn? TryParse(string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal)) return null;
        var parts = value.Split(Colon, 6);
        if (parts.Length < 6) return null;
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
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
        var parts = s.Split('-');
        if (parts.Length < 3) return false;
        if (parts[0].Length != 2) return false;
        foreach (var p in parts) if (p.Length == 0) return false;
        var last = parts[parts.Length - 1];
        foreach (char c in last) if (c < '0' || c > '9') return false;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            foreach (char c in parts[i]) if (c < 'a' || c > 'z') return false;
        }
        return true;
    }
}

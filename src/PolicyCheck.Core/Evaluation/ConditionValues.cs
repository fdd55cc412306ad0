using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyCheck.Evaluation;

/// <summary>Parsing of typed condition values: numbers, dates, IP addresses and CIDR blocks, base64.</summary>
public static class ConditionValues
{
    public static bool TryNumber(string s, out decimal value)
    {
        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsNaN(d) && !double.IsInfinity(d))
        {
            // Too large for decimal: clamp, the ordering stays right.
            value = d > 0 ? decimal.MaxValue : decimal.MinValue;
            return true;
        }
        return false;
    }

    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
        "yyyyMMdd'T'HHmmss'Z'",
    };

    /// <summary>ISO 8601 (UTC when no offset is given) or epoch seconds.</summary>
    public static bool TryDate(string s, out DateTimeOffset value)
    {
        if (s.Length > 0 && s.Length <= 12 && IsDigits(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long epoch))
        {
            value = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }
        return DateTimeOffset.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static bool IsDigits(string s)
    {
        foreach (char c in s) if (c < '0' || c > '9') return false;
        return true;
    }

    public static bool TryIp(string s, out byte[] bytes, out AddressFamily family)
    {
        bytes = Array.Empty<byte>();
        family = AddressFamily.Unknown;
        if (s.Length == 0 || s.IndexOf('/') >= 0) return false;
        // IPAddress.TryParse accepts "1" and "1.2" as IPv4: insist on the dotted-quad form.
        if (s.IndexOf(':') < 0 && Dots(s) != 3) return false;
        if (!IPAddress.TryParse(s, out var ip)) return false;
        bytes = ip.GetAddressBytes();
        family = ip.AddressFamily;
        return true;
    }

    private static int Dots(string s)
    {
        int n = 0;
        foreach (char c in s) if (c == '.') n++;
        return n;
    }

    /// <summary>"10.0.0.0/8", "2001:db8::/32" or a single address (a /32 or /128).</summary>
    public static bool TryCidr(string s, out Cidr cidr, out string? error)
    {
        cidr = default;
        error = null;
        int slash = s.IndexOf('/');
        string addr = slash < 0 ? s : s.Substring(0, slash);
        if (!TryIp(addr, out var bytes, out var family))
        {
            error = $"\"{addr}\" is not an IP address";
            return false;
        }
        int max = bytes.Length * 8;
        int prefix = max;
        if (slash >= 0)
        {
            string p = s.Substring(slash + 1);
            if (p.Length == 0 || p.Length > 3 || !IsDigits(p) || !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max)
            {
                error = $"\"/{p}\" is not a prefix length from 0 to {max}";
                return false;
            }
        }
        cidr = new Cidr(bytes, family, prefix);
        return true;
    }

    public static bool TryBase64(string s, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(s);
            return true;
        }
        catch (FormatException)
        {
            bytes = Array.Empty<byte>();
            return false;
        }
    }
}

/// <summary>An address block: network bytes and prefix length.</summary>
public readonly struct Cidr
{
    public Cidr(byte[] network, AddressFamily family, int prefix)
    {
        Network = network;
        Family = family;
        Prefix = prefix;
    }

    public byte[] Network { get; }
    public AddressFamily Family { get; }
    public int Prefix { get; }

    public bool Contains(byte[] address, AddressFamily family)
    {
        if (Network == null) return false;
        byte[] net = Network;
        if (family != Family)
        {
            // IPv4-mapped IPv6 (::ffff:a.b.c.d) compares with IPv4 blocks.
            if (Family == AddressFamily.InterNetwork && family == AddressFamily.InterNetworkV6 && IsV4Mapped(address))
            {
                address = new[] { address[12], address[13], address[14], address[15] };
            }
            else
            {
                return false;
            }
        }
        int full = Prefix / 8, rest = Prefix % 8;
        for (int i = 0; i < full; i++) if (address[i] != net[i]) return false;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (net[full] & mask);
    }

    private static bool IsV4Mapped(byte[] a)
    {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == 0xFF && a[11] == 0xFF;
    }
}

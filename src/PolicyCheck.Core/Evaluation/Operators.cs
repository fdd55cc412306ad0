using System;
using System.Collections.Generic;

namespace PolicyCheck.Evaluation;

public enum OperatorFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// <summary>One IAM condition operator: its family, whether it is negated, and how it compares.</summary>
public sealed class OperatorInfo
{
    internal OperatorInfo(string name, OperatorFamily family, bool negated, bool like = false, bool ignoreCase = false, int compare = 0, bool equalAllowed = true)
    {
        Name = name;
        Family = family;
        Negated = negated;
        Like = like;
        IgnoreCase = ignoreCase;
        Compare = compare;
        EqualAllowed = equalAllowed;
    }

    public string Name { get; }
    public OperatorFamily Family { get; }
    /// <summary>StringNotEquals, NotIpAddress…: true when no policy value matches.</summary>
    public bool Negated { get; }
    /// <summary>Wildcards '*' and '?' in policy values.</summary>
    public bool Like { get; }
    public bool IgnoreCase { get; }
    /// <summary>For Numeric/Date: 0 equals, -1 less than, 1 greater than.</summary>
    public int Compare { get; }
    /// <summary>For ordered comparisons: whether equality counts (…Equals suffix).</summary>
    public bool EqualAllowed { get; }
}

/// <summary>The IAM condition operators.</summary>
public static class Operators
{
    private static readonly Dictionary<string, OperatorInfo> Known = Build();

    public static IEnumerable<string> Names => Known.Keys;

    public static OperatorInfo? Find(string baseOperator)
        => Known.TryGetValue(baseOperator, out var info) ? info : null;

    private static Dictionary<string, OperatorInfo> Build()
    {
        var d = new Dictionary<string, OperatorInfo>(StringComparer.Ordinal);
        void Add(OperatorInfo o) => d[o.Name] = o;
        Add(new OperatorInfo("StringEquals", OperatorFamily.String, false));
        Add(new OperatorInfo("StringNotEquals", OperatorFamily.String, true));
        Add(new OperatorInfo("StringEqualsIgnoreCase", OperatorFamily.String, false, ignoreCase: true));
        Add(new OperatorInfo("StringNotEqualsIgnoreCase", OperatorFamily.String, true, ignoreCase: true));
        Add(new OperatorInfo("StringLike", OperatorFamily.String, false, like: true));
        Add(new OperatorInfo("StringNotLike", OperatorFamily.String, true, like: true));
        Add(new OperatorInfo("NumericEquals", OperatorFamily.Numeric, false));
        Add(new OperatorInfo("NumericNotEquals", OperatorFamily.Numeric, true));
        Add(new OperatorInfo("NumericLessThan", OperatorFamily.Numeric, false, compare: -1, equalAllowed: false));
        Add(new OperatorInfo("NumericLessThanEquals", OperatorFamily.Numeric, false, compare: -1));
        Add(new OperatorInfo("NumericGreaterThan", OperatorFamily.Numeric, false, compare: 1, equalAllowed: false));
        Add(new OperatorInfo("NumericGreaterThanEquals", OperatorFamily.Numeric, false, compare: 1));
        Add(new OperatorInfo("DateEquals", OperatorFamily.Date, false));
        Add(new OperatorInfo("DateNotEquals", OperatorFamily.Date, true));
        Add(new OperatorInfo("DateLessThan", OperatorFamily.Date, false, compare: -1, equalAllowed: false));
        Add(new OperatorInfo("DateLessThanEquals", OperatorFamily.Date, false, compare: -1));
        Add(new OperatorInfo("DateGreaterThan", OperatorFamily.Date, false, compare: 1, equalAllowed: false));
        Add(new OperatorInfo("DateGreaterThanEquals", OperatorFamily.Date, false, compare: 1));
        Add(new OperatorInfo("Bool", OperatorFamily.Bool, false));
        Add(new OperatorInfo("BinaryEquals", OperatorFamily.Binary, false));
        Add(new OperatorInfo("IpAddress", OperatorFamily.Ip, false));
        Add(new OperatorInfo("NotIpAddress", OperatorFamily.Ip, true));
        Add(new OperatorInfo("ArnEquals", OperatorFamily.Arn, false, like: true));
        Add(new OperatorInfo("ArnLike", OperatorFamily.Arn, false, like: true));
        Add(new OperatorInfo("ArnNotEquals", OperatorFamily.Arn, true, like: true));
        Add(new OperatorInfo("ArnNotLike", OperatorFamily.Arn, true, like: true));
        Add(new OperatorInfo("Null", OperatorFamily.Null, false));
        return d;
    }

    /// <summary>Why a policy value does not fit the operator, or null when it does.</summary>
    public static string? CheckPolicyValue(OperatorInfo op, string value)
    {
        switch (op.Family)
        {
            case OperatorFamily.Numeric:
                return ConditionValues.TryNumber(value, out _) ? null : $"{op.Name} needs a number, not \"{value}\"";
            case OperatorFamily.Date:
                return ConditionValues.TryDate(value, out _) ? null : $"{op.Name} needs an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds, not \"{value}\"";
            case OperatorFamily.Bool:
            case OperatorFamily.Null:
                return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)
                    ? null : $"{op.Name} needs true or false, not \"{value}\"";
            case OperatorFamily.Ip:
                return ConditionValues.TryCidr(value, out _, out string? cidrError) ? null : $"{op.Name} needs an IPv4 or IPv6 address or CIDR block: {cidrError}";
            case OperatorFamily.Binary:
                return ConditionValues.TryBase64(value, out _) ? null : $"{op.Name} needs a base64 value, not \"{value}\"";
            case OperatorFamily.Arn:
                return value == "*" || (value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(Engine.Arn.Colon, 6).Length == 6) || value.IndexOf("${", StringComparison.Ordinal) >= 0
                    ? null : $"{op.Name} needs an ARN (arn:partition:service:region:account:resource), not \"{value}\"";
            default:
                return null;
        }
    }
}

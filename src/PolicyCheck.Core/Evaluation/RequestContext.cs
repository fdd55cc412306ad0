using System;
using System.Collections.Generic;

namespace PolicyCheck.Evaluation;

/// <summary>The declared type of a context value (from "key:ip=…"); String when not given.</summary>
public enum ContextType
{
    String,
    Numeric,
    Boolean,
    Date,
    Ip,
    Binary,
    Arn,
}

/// <summary>The values of one context key. More than one value makes it a multivalued key.</summary>
public sealed class ContextValue
{
    public ContextValue(IReadOnlyList<string> values, ContextType type = ContextType.String, bool multivalued = false)
    {
        Values = values;
        Type = type;
        Multivalued = multivalued || values.Count != 1;
    }

    public IReadOnlyList<string> Values { get; }
    public ContextType Type { get; }
    public bool Multivalued { get; }
}

/// <summary>Request context keys (case-insensitive) and their values.</summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> _values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);

    public int Count => _values.Count;

    public IEnumerable<KeyValuePair<string, ContextValue>> Entries => _values;

    public RequestContext Set(string key, params string[] values)
    {
        _values[key] = new ContextValue(values);
        return this;
    }

    public RequestContext Set(string key, ContextValue value)
    {
        _values[key] = value;
        return this;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public bool TryGet(string key, out ContextValue value)
    {
        if (_values.TryGetValue(key, out var v))
        {
            value = v;
            return true;
        }
        value = null!;
        return false;
    }

    public RequestContext Copy()
    {
        var c = new RequestContext();
        foreach (var kv in _values) c._values[kv.Key] = kv.Value;
        return c;
    }

    /// <summary>Checks that a typed value parses as its type; returns the reason when it does not.</summary>
    public static string? CheckType(string value, ContextType type)
    {
        switch (type)
        {
            case ContextType.Numeric:
                return ConditionValues.TryNumber(value, out _) ? null : $"\"{value}\" is not a number";
            case ContextType.Boolean:
                return value == "true" || value == "false" ? null : $"\"{value}\" is not true or false";
            case ContextType.Date:
                return ConditionValues.TryDate(value, out _) ? null : $"\"{value}\" is not an ISO 8601 date or epoch seconds";
            case ContextType.Ip:
                return ConditionValues.TryIp(value, out _, out _) ? null : $"\"{value}\" is not an IP address";
            case ContextType.Binary:
                return ConditionValues.TryBase64(value, out _) ? null : $"\"{value}\" is not base64";
            case ContextType.Arn:
                return value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(new[] { ':' }, 6).Length == 6 ? null : $"\"{value}\" is not an ARN";
            default:
                return null;
        }
    }

    public static bool TryParseType(string name, out ContextType type)
    {
        switch (name.ToLowerInvariant())
        {
            case "string": type = ContextType.String; return true;
            case "numeric": case "number": type = ContextType.Numeric; return true;
            case "boolean": case "bool": type = ContextType.Boolean; return true;
            case "date": type = ContextType.Date; return true;
            case "ip": type = ContextType.Ip; return true;
            case "binary": type = ContextType.Binary; return true;
            case "arn": type = ContextType.Arn; return true;
            default: type = ContextType.String; return false;
        }
    }
}

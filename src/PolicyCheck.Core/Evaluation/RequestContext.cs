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
    private readonly Dictionary<string, ContextValue> _values;

    public RequestContext() => _values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A context sized for <paramref name="capacity"/> keys.</summary>
    public RequestContext(int capacity) => _values = new Dictionary<string, ContextValue>(capacity, StringComparer.OrdinalIgnoreCase);

    private RequestContext(Dictionary<string, ContextValue> values) => _values = values;
    private Dictionary<string, bool>? _unknown;
    private List<KeyValuePair<string, bool>>? _unknownPrefixes;
    private HashSet<string>? _absent;
    /// <summary>What this context adds to (<see cref="Layer"/>): read through, never changed.</summary>
    private RequestContext? _under;

    /// <summary>
    /// A context that reads through to this one and adds or replaces keys without copying it (the proofs' requests
    /// share every key but the caller's). This context must not change afterwards.
    /// </summary>
    public RequestContext Layer() => new RequestContext { _under = this };

    /// <summary>The same, sized for <paramref name="capacity"/> keys of its own.</summary>
    public RequestContext Layer(int capacity) => new RequestContext(capacity) { _under = this };

    public int Count
    {
        get
        {
            int n = 0;
            foreach (var _ in Entries) n++;
            return n;
        }
    }

    public IEnumerable<KeyValuePair<string, ContextValue>> Entries => _under == null ? _values : Merged();

    private IEnumerable<KeyValuePair<string, ContextValue>> Merged()
    {
        foreach (var kv in _under!.Entries) if (!_values.ContainsKey(kv.Key)) yield return kv;
        foreach (var kv in _values) yield return kv;
    }

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

    public bool Has(string key) => _values.ContainsKey(key) || (_under != null && _under.Has(key));

    /// <summary>
    /// Marks a key as on the request with a value not known offline (aws:SourceIp). <paramref name="mayBeAbsent"/>:
    /// the key may also be missing (a tag the role may not carry). A name ending in "/*" covers every key under it.
    /// A key with a value always wins over an unknown one.
    /// </summary>
    public RequestContext SetUnknown(string key, bool mayBeAbsent = false)
    {
        if (key.EndsWith("/*", StringComparison.Ordinal))
        {
            (_unknownPrefixes ??= new List<KeyValuePair<string, bool>>()).Add(new KeyValuePair<string, bool>(key.Substring(0, key.Length - 1), mayBeAbsent));
        }
        else
        {
            (_unknown ??= new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase))[key] = mayBeAbsent;
        }
        return this;
    }

    /// <summary>Whether a key without a value is unknown (rather than absent), and whether it may be absent too.</summary>
    public bool IsUnknown(string key, out bool mayBeAbsent)
    {
        mayBeAbsent = false;
        if (_under != null)
        {
            if (_values.ContainsKey(key) || (_absent != null && _absent.Contains(key))) return false;
            if (_unknown == null && _unknownPrefixes == null) return _under.IsUnknown(key, out mayBeAbsent);
        }
        if (_unknown == null && _unknownPrefixes == null) return false;
        if (_values.ContainsKey(key)) return false;
        if (_absent != null && _absent.Contains(key)) return false;
        if (_unknown != null && _unknown.TryGetValue(key, out mayBeAbsent)) return true;
        if (_unknownPrefixes != null)
        {
            foreach (var p in _unknownPrefixes)
            {
                if (key.Length > p.Key.Length && key.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase))
                {
                    mayBeAbsent = p.Value;
                    return true;
                }
            }
        }
        return _under != null && _under.IsUnknown(key, out mayBeAbsent);
    }

    /// <summary>A copy in which the unknown keys are missing: what AWS's policy simulator evaluates when it is not given them.</summary>
    public RequestContext WithoutUnknowns()
    {
        if (_under != null) return Flat().WithoutUnknowns();
        return new RequestContext(new Dictionary<string, ContextValue>(_values, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Marks a key as surely not on the request, even under an unknown "prefix/*" family.</summary>
    public RequestContext SetAbsent(string key)
    {
        (_absent ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(key);
        return this;
    }

    /// <summary>Whether any key is unknown: the two-valued fast path applies when none is.</summary>
    public bool HasUnknowns => _unknown != null || _unknownPrefixes != null || (_under != null && _under.HasUnknowns);

    /// <summary>The unknown keys as declared ("aws:PrincipalTag/*" for a family).</summary>
    public IEnumerable<string> UnknownKeys
    {
        get
        {
            if (_under != null) foreach (var k in _under.UnknownKeys) yield return k;
            if (_unknown != null) foreach (var k in _unknown.Keys) yield return k;
            if (_unknownPrefixes != null) foreach (var p in _unknownPrefixes) yield return p.Key + "*";
        }
    }

    public bool TryGet(string key, out ContextValue value)
    {
        if (_values.TryGetValue(key, out var v))
        {
            value = v;
            return true;
        }
        if (_under != null) return _under.TryGet(key, out value);
        value = null!;
        return false;
    }

    public RequestContext Copy()
    {
        if (_under != null) return Flat();
        var c = new RequestContext(new Dictionary<string, ContextValue>(_values, StringComparer.OrdinalIgnoreCase));
        if (_unknown != null) c._unknown = new Dictionary<string, bool>(_unknown, StringComparer.OrdinalIgnoreCase);
        if (_unknownPrefixes != null) c._unknownPrefixes = new List<KeyValuePair<string, bool>>(_unknownPrefixes);
        if (_absent != null) c._absent = new HashSet<string>(_absent, StringComparer.OrdinalIgnoreCase);
        return c;
    }

    /// <summary>One context with what this one reads through to folded in.</summary>
    private RequestContext Flat()
    {
        var c = _under!.Copy();
        foreach (var kv in _values) c._values[kv.Key] = kv.Value;
        if (_unknown != null) foreach (var kv in _unknown) c.SetUnknown(kv.Key, kv.Value);
        if (_unknownPrefixes != null) foreach (var p in _unknownPrefixes) c.SetUnknown(p.Key + "*", p.Value);
        if (_absent != null) foreach (var k in _absent) c.SetAbsent(k);
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
                return value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(Engine.Arn.Colon, 6).Length == 6 ? null : $"\"{value}\" is not an ARN";
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

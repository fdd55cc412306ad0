using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Json;
using PolicyCheck.Yaml;

namespace PolicyCheck.Generate;

/// <summary>A catalogue entry as written in rules/catalog.yml, with its documentation examples.</summary>
public sealed class RuleEntry
{
    public RuleEntry(RuleDescriptor descriptor, string bad, string good)
    {
        Descriptor = descriptor;
        Bad = bad;
        Good = good;
    }

    public RuleDescriptor Descriptor { get; }
    public string Bad { get; }
    public string Good { get; }
    /// <summary>The implementing class under PolicyCheck.Rules ("Grammar.JsonSyntaxRule"); null for rules outside the core.</summary>
    public string? Class { get; init; }
}

/// <summary>Loads rules/service.yml and rules/catalog.yml (embedded in this assembly) with the project's YAML reader.</summary>
public static class RuleData
{
    public const string ServiceResource = "PolicyCheck.rules.service.yml";
    public const string CatalogResource = "PolicyCheck.rules.catalog.yml";

    public static string ResourceText(string resource)
    {
        using var stream = typeof(RuleData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"the embedded rule data {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SourceObject Root(string text, string name)
    {
        var root = YamlReader.Read(text, null, out var problem);
        if (problem != null) throw new InvalidDataException($"{name}({problem.Span.Line},{problem.Span.Column}): {problem.Message}");
        return root as SourceObject ?? throw new InvalidDataException($"{name}: the top level must be a mapping");
    }

    public static ServiceFacts LoadService(string text)
    {
        var root = Root(text, "service.yml");
        var actions = new List<ActionFact>();
        foreach (var a in YamlFields.Maps(root, "actions"))
        {
            string scope = YamlFields.Str(a, "scope");
            var parsedScope = scope switch
            {
                "workspace" => ResourceScope.Workspace,
                "workspace-optional" => ResourceScope.WorkspaceOptional,
                "account" => ResourceScope.Account,
                _ => throw new InvalidDataException($"service.yml line {a.Span.Line}: unknown scope '{scope}'"),
            };
            actions.Add(new ActionFact(YamlFields.Str(a, "name"), YamlFields.Str(a, "access"), parsedScope,
                YamlFields.StrOr(a, "permissionOnly", "false") == "true", YamlFields.Strings(a, "sources"), YamlFields.Strings(a, "conditionKeys")));
        }
        var keys = new List<ConditionKeyFact>();
        foreach (var k in YamlFields.Maps(root, "conditionKeys"))
        {
            keys.Add(new ConditionKeyFact(YamlFields.Str(k, "name"), YamlFields.Str(k, "type"), YamlFields.Str(k, "description")));
        }
        var features = new List<FeatureFact>();
        foreach (var f in YamlFields.Maps(root, "features"))
        {
            features.Add(new FeatureFact(YamlFields.Str(f, "name"), YamlFields.Str(f, "description"), YamlFields.Strings(f, "actions"), YamlFields.Strings(f, "optional")));
        }
        var managed = new List<ManagedPolicyFact>();
        foreach (var m in YamlFields.Maps(root, "managedPolicies"))
        {
            managed.Add(new ManagedPolicyFact(YamlFields.Str(m, "name"), YamlFields.Str(m, "arn"), YamlFields.Str(m, "version"), YamlFields.Str(m, "summary"), YamlFields.Str(m, "document")));
        }
        var pk = YamlFields.Get(root, "portkey") as SourceObject ?? throw new InvalidDataException("service.yml: 'portkey' must be a mapping");
        var portkey = new PortkeyFacts(YamlFields.Str(pk, "hostedPrincipal"), YamlFields.Str(pk, "hostedAccount"), YamlFields.Str(pk, "trustAction"),
            YamlFields.Str(pk, "externalIdPattern"), int.Parse(YamlFields.Str(pk, "externalIdMinLength")), int.Parse(YamlFields.Str(pk, "externalIdMaxLength")),
            YamlFields.Strings(pk, "placeholderExternalIds"));
        var wn = YamlFields.Get(root, "wrongNames") as SourceObject ?? throw new InvalidDataException("service.yml: 'wrongNames' must be a mapping");
        var renames = new List<ActionRename>();
        foreach (var r in YamlFields.Maps(wn, "actions")) renames.Add(new ActionRename(YamlFields.Str(r, "wrong"), YamlFields.Str(r, "right")));
        var wrong = new WrongNameFacts(YamlFields.Strings(wn, "namespaces"), renames, YamlFields.Strings(wn, "signingNames"), YamlFields.Strings(wn, "hosts"));

        var requestKeys = new List<RequestKeyFact>();
        foreach (var k in YamlFields.Maps(root, "requestKeys"))
        {
            try
            {
                string? self = YamlFields.StrOr(k, "selfHosted", string.Empty);
                string? value = YamlFields.StrOr(k, "value", string.Empty);
                requestKeys.Add(new RequestKeyFact(YamlFields.Str(k, "key"), RequestKeyFact.ParseStatus(YamlFields.Str(k, "call")), RequestKeyFact.ParseStatus(YamlFields.Str(k, "assumeRole")),
                    self.Length > 0 ? RequestKeyFact.ParseStatus(self) : null, value.Length > 0 ? value : null, YamlFields.Str(k, "type"), YamlFields.Str(k, "source")));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"service.yml line {k.Span.Line}: {ex.Message}");
            }
        }
        return new ServiceFacts(YamlFields.Str(root, "name"), YamlFields.Str(root, "namespace"), YamlFields.Str(root, "signingName"),
            YamlFields.Str(root, "endpointTemplate"), YamlFields.Str(root, "servicePrincipal"), YamlFields.Str(root, "workspaceArnTemplate"),
            YamlFields.Str(root, "workspaceIdPattern"), YamlFields.Str(root, "catalogDate"), actions, keys, managed, features,
            YamlFields.Strings(root, "defaultFeatures"), portkey, wrong, YamlFields.Strings(root, "partitions"), YamlFields.Strings(root, "regions"), requestKeys);
    }

    public static List<RuleEntry> LoadCatalogEntries(string text, out string helpUriBase)
    {
        var root = Root(text, "catalog.yml");
        helpUriBase = YamlFields.Str(root, "helpUriBase");
        var list = new List<RuleEntry>();
        foreach (var r in YamlFields.Maps(root, "rules"))
        {
            string sev = YamlFields.Str(r, "severity");
            var severity = sev switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "note" => Severity.Note,
                _ => throw new InvalidDataException($"catalog.yml line {r.Span.Line}: unknown severity '{sev}'"),
            };
            var d = new RuleDescriptor(YamlFields.Str(r, "id"), YamlFields.Str(r, "name"), YamlFields.Str(r, "title"), severity,
                YamlFields.Str(r, "category"), YamlFields.Str(r, "help"), YamlFields.Str(r, "fix"), NullIfEmpty(YamlFields.StrOr(r, "severityVaries", string.Empty)),
                YamlFields.StrOr(r, "scope", "gateway") switch
                {
                    "gateway" => RuleScope.Gateway,
                    "any" => RuleScope.Any,
                    var other => throw new InvalidDataException($"catalog.yml line {r.Span.Line}: unknown scope '{other}' (gateway or any)"),
                }, YamlFields.Strings(r, "quietWhereReported"));
            list.Add(new RuleEntry(d, YamlFields.StrOr(r, "bad", string.Empty), YamlFields.StrOr(r, "good", string.Empty)) { Class = NullIfEmpty(YamlFields.StrOr(r, "class", string.Empty)) });
        }
        return list;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    public static RuleIndex LoadCatalog(string text)
    {
        var entries = LoadCatalogEntries(text, out string helpBase);
        var list = new List<RuleDescriptor>();
        foreach (var e in entries) list.Add(e.Descriptor);
        return new RuleIndex(helpBase, list);
    }
}

/// <summary>Typed fields of a YAML mapping; a missing or mistyped field names its line.</summary>
internal static class YamlFields
{
    public static SourceNode? Get(SourceObject map, string key) => map.Get(key)?.Value;

    public static string Str(SourceObject map, string key)
    {
        if (Get(map, key) is SourceScalar s && s.Kind != NodeKind.Null) return s.Text;
        throw new InvalidDataException($"line {map.Span.Line}: '{key}' must be a string");
    }

    public static string StrOr(SourceObject map, string key, string fallback)
        => Get(map, key) is SourceScalar s && s.Kind != NodeKind.Null ? s.Text : fallback;

    public static List<string> Strings(SourceObject map, string key)
    {
        var list = new List<string>();
        var node = Get(map, key);
        if (node == null || node is SourceScalar { Kind: NodeKind.Null }) return list;
        if (node is not SourceArray seq) throw new InvalidDataException($"line {node.Span.Line}: '{key}' must be a list");
        foreach (var item in seq.Items)
        {
            if (item is SourceScalar s && s.Kind != NodeKind.Null) list.Add(s.Text);
            else throw new InvalidDataException($"line {item.Span.Line}: entries of '{key}' must be strings");
        }
        return list;
    }

    public static IEnumerable<SourceObject> Maps(SourceObject map, string key)
    {
        if (Get(map, key) is not SourceArray seq) throw new InvalidDataException($"line {map.Span.Line}: '{key}' must be a list");
        foreach (var item in seq.Items)
        {
            if (item is SourceObject m) yield return m;
            else throw new InvalidDataException($"line {item.Span.Line}: entries of '{key}' must be mappings");
        }
    }
}

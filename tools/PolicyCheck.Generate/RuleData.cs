using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.Yaml;
using YamlDotNet.RepresentationModel;

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

/// <summary>Loads rules/service.yml and rules/catalog.yml with YamlDotNet (embedded in this assembly).</summary>
public static class RuleData
{
    public const string ServiceResource = "PolicyCheck.rules.service.yml";
    public const string CatalogResource = "PolicyCheck.rules.catalog.yml";

    public static string EmbeddedText(string resource)
    {
        using var stream = typeof(RuleData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"the embedded rule data {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static YamlMappingNode Root(string text, string name)
    {
        var problems = new List<YamlProblem>();
        var root = YamlDoc.Load(text, problems);
        if (problems.Count > 0) throw new InvalidDataException($"{name}({problems[0].Span.Line},{problems[0].Span.Column}): {problems[0].Message}");
        return root as YamlMappingNode ?? throw new InvalidDataException($"{name}: the top level must be a mapping");
    }

    public static ServiceFacts LoadService(string text)
    {
        var root = Root(text, "service.yml");
        var actions = new List<ActionFact>();
        foreach (var a in YamlDoc.Maps(root, "actions"))
        {
            string scope = YamlDoc.Str(a, "scope");
            var parsedScope = scope switch
            {
                "workspace" => ResourceScope.Workspace,
                "workspace-optional" => ResourceScope.WorkspaceOptional,
                "account" => ResourceScope.Account,
                _ => throw new InvalidDataException($"service.yml line {a.Start.Line}: unknown scope '{scope}'"),
            };
            actions.Add(new ActionFact(YamlDoc.Str(a, "name"), YamlDoc.Str(a, "access"), parsedScope,
                YamlDoc.StrOr(a, "permissionOnly", "false") == "true", YamlDoc.Strings(a, "sources"), YamlDoc.Strings(a, "conditionKeys")));
        }
        var keys = new List<ConditionKeyFact>();
        foreach (var k in YamlDoc.Maps(root, "conditionKeys"))
        {
            keys.Add(new ConditionKeyFact(YamlDoc.Str(k, "name"), YamlDoc.Str(k, "type"), YamlDoc.Str(k, "description")));
        }
        var features = new List<FeatureFact>();
        foreach (var f in YamlDoc.Maps(root, "features"))
        {
            features.Add(new FeatureFact(YamlDoc.Str(f, "name"), YamlDoc.Str(f, "description"), YamlDoc.Strings(f, "actions"), YamlDoc.Strings(f, "optional")));
        }
        var managed = new List<ManagedPolicyFact>();
        foreach (var m in YamlDoc.Maps(root, "managedPolicies"))
        {
            managed.Add(new ManagedPolicyFact(YamlDoc.Str(m, "name"), YamlDoc.Str(m, "arn"), YamlDoc.Str(m, "version"), YamlDoc.Str(m, "summary"), YamlDoc.Str(m, "document")));
        }
        var pk = YamlDoc.Get(root, "portkey") as YamlMappingNode ?? throw new InvalidDataException("service.yml: 'portkey' must be a mapping");
        var portkey = new PortkeyFacts(YamlDoc.Str(pk, "hostedPrincipal"), YamlDoc.Str(pk, "hostedAccount"), YamlDoc.Str(pk, "trustAction"),
            YamlDoc.Str(pk, "externalIdPattern"), int.Parse(YamlDoc.Str(pk, "externalIdMinLength")), int.Parse(YamlDoc.Str(pk, "externalIdMaxLength")),
            YamlDoc.Strings(pk, "placeholderExternalIds"));
        var wn = YamlDoc.Get(root, "wrongNames") as YamlMappingNode ?? throw new InvalidDataException("service.yml: 'wrongNames' must be a mapping");
        var renames = new List<ActionRename>();
        foreach (var r in YamlDoc.Maps(wn, "actions")) renames.Add(new ActionRename(YamlDoc.Str(r, "wrong"), YamlDoc.Str(r, "right")));
        var wrong = new WrongNameFacts(YamlDoc.Strings(wn, "namespaces"), renames, YamlDoc.Strings(wn, "signingNames"), YamlDoc.Strings(wn, "hosts"));

        var requestKeys = new List<RequestKeyFact>();
        foreach (var k in YamlDoc.Maps(root, "requestKeys"))
        {
            try
            {
                string? self = YamlDoc.StrOr(k, "selfHosted", string.Empty);
                string? value = YamlDoc.StrOr(k, "value", string.Empty);
                requestKeys.Add(new RequestKeyFact(YamlDoc.Str(k, "key"), RequestKeyFact.ParseStatus(YamlDoc.Str(k, "call")), RequestKeyFact.ParseStatus(YamlDoc.Str(k, "assumeRole")),
                    self.Length > 0 ? RequestKeyFact.ParseStatus(self) : null, value.Length > 0 ? value : null, YamlDoc.Str(k, "type"), YamlDoc.Str(k, "source")));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"service.yml line {k.Start.Line}: {ex.Message}");
            }
        }
        return new ServiceFacts(YamlDoc.Str(root, "name"), YamlDoc.Str(root, "namespace"), YamlDoc.Str(root, "signingName"),
            YamlDoc.Str(root, "endpointTemplate"), YamlDoc.Str(root, "servicePrincipal"), YamlDoc.Str(root, "workspaceArnTemplate"),
            YamlDoc.Str(root, "workspaceIdPattern"), YamlDoc.Str(root, "catalogDate"), actions, keys, managed, features,
            YamlDoc.Strings(root, "defaultFeatures"), portkey, wrong, YamlDoc.Strings(root, "partitions"), YamlDoc.Strings(root, "regions"), requestKeys);
    }

    public static List<RuleEntry> LoadCatalogEntries(string text, out string helpUriBase)
    {
        var root = Root(text, "catalog.yml");
        helpUriBase = YamlDoc.Str(root, "helpUriBase");
        var list = new List<RuleEntry>();
        foreach (var r in YamlDoc.Maps(root, "rules"))
        {
            string sev = YamlDoc.Str(r, "severity");
            var severity = sev switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "note" => Severity.Note,
                _ => throw new InvalidDataException($"catalog.yml line {r.Start.Line}: unknown severity '{sev}'"),
            };
            var d = new RuleDescriptor(YamlDoc.Str(r, "id"), YamlDoc.Str(r, "name"), YamlDoc.Str(r, "title"), severity,
                YamlDoc.Str(r, "category"), YamlDoc.Str(r, "help"), YamlDoc.Str(r, "fix"), NullIfEmpty(YamlDoc.StrOr(r, "severityVaries", string.Empty)),
                YamlDoc.StrOr(r, "scope", "gateway") switch
                {
                    "gateway" => RuleScope.Gateway,
                    "any" => RuleScope.Any,
                    var other => throw new InvalidDataException($"catalog.yml line {r.Start.Line}: unknown scope '{other}' (gateway or any)"),
                }, YamlDoc.Strings(r, "quietWhereReported"));
            list.Add(new RuleEntry(d, YamlDoc.StrOr(r, "bad", string.Empty), YamlDoc.StrOr(r, "good", string.Empty)) { Class = NullIfEmpty(YamlDoc.StrOr(r, "class", string.Empty)) });
        }
        return list;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    public static RuleCatalog LoadCatalog(string text)
    {
        var entries = LoadCatalogEntries(text, out string helpBase);
        var list = new List<RuleDescriptor>();
        foreach (var e in entries) list.Add(e.Descriptor);
        return new RuleCatalog(helpBase, list);
    }
}

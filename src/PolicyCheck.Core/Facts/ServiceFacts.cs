using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

public enum ResourceScope
{
    /// <summary>The action needs a workspace ARN.</summary>
    Workspace,
    /// <summary>The action takes a workspace ARN or "*".</summary>
    WorkspaceOptional,
    /// <summary>The action has no resource type: only "Resource": "*" grants it.</summary>
    Account,
}

public sealed class ActionFact
{
    public ActionFact(string name, string access, ResourceScope scope, bool permissionOnly, IReadOnlyList<string> sources, IReadOnlyList<string> conditionKeys)
    {
        Name = name;
        Access = access;
        Scope = scope;
        PermissionOnly = permissionOnly;
        Sources = sources;
        ConditionKeys = conditionKeys;
    }

    public string Name { get; }
    public string Access { get; }
    public ResourceScope Scope { get; }
    public bool PermissionOnly { get; }
    public IReadOnlyList<string> Sources { get; }
    public IReadOnlyList<string> ConditionKeys { get; }
}

public sealed class ConditionKeyFact
{
    public ConditionKeyFact(string name, string type, string description)
    {
        Name = name;
        Type = type;
        Description = description;
    }

    public string Name { get; }
    public string Type { get; }
    public string Description { get; }
}

public sealed class ManagedPolicyFact
{
    public ManagedPolicyFact(string name, string arn, string version, string summary, string document)
    {
        Name = name;
        Arn = arn;
        Version = version;
        Summary = summary;
        Document = document;
    }

    public string Name { get; }
    public string Arn { get; }
    public string Version { get; }
    public string Summary { get; }
    /// <summary>The policy document JSON as AWS publishes it.</summary>
    public string Document { get; }
}

public sealed class FeatureFact
{
    public FeatureFact(string name, string description, IReadOnlyList<string> actions, IReadOnlyList<string> optionalActions)
    {
        Name = name;
        Description = description;
        Actions = actions;
        OptionalActions = optionalActions;
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>Actions the gateway needs for this feature.</summary>
    public IReadOnlyList<string> Actions { get; }
    /// <summary>Actions that belong with the feature but are not required (e.g. DeleteBatchInference).</summary>
    public IReadOnlyList<string> OptionalActions { get; }
}

public sealed class ActionRename
{
    public ActionRename(string wrong, string right)
    {
        Wrong = wrong;
        Right = right;
    }

    /// <summary>A wrong action as written in the wild, e.g. "bedrock:InvokeModel" (case-insensitive).</summary>
    public string Wrong { get; }
    /// <summary>The Claude Platform action name, e.g. "CreateInference".</summary>
    public string Right { get; }
}

/// <summary>What PolicyCheck knows about Claude Platform on AWS and Portkey. Generated from rules/service.yml.</summary>
public sealed class ServiceFacts
{
    public ServiceFacts(
        string name, string ns, string signingName, string endpointTemplate, string servicePrincipal,
        string workspaceArnTemplate, string workspaceIdPattern, string catalogDate,
        IReadOnlyList<ActionFact> actions, IReadOnlyList<ConditionKeyFact> conditionKeys,
        IReadOnlyList<ManagedPolicyFact> managedPolicies, IReadOnlyList<FeatureFact> features,
        IReadOnlyList<string> defaultFeatures, PortkeyFacts portkey, WrongNameFacts wrongNames,
        IReadOnlyList<string> partitions, IReadOnlyList<string> regions, IReadOnlyList<RequestKeyFact>? requestKeys = null)
    {
        RequestKeys = requestKeys ?? System.Array.Empty<RequestKeyFact>();
        Name = name;
        Namespace = ns;
        SigningName = signingName;
        EndpointTemplate = endpointTemplate;
        ServicePrincipal = servicePrincipal;
        WorkspaceArnTemplate = workspaceArnTemplate;
        WorkspaceIdPattern = workspaceIdPattern;
        CatalogDate = catalogDate;
        Actions = actions;
        ConditionKeys = conditionKeys;
        ManagedPolicies = managedPolicies;
        Features = features;
        DefaultFeatures = defaultFeatures;
        Portkey = portkey;
        WrongNames = wrongNames;
        Partitions = partitions;
        Regions = regions;
        _actionsByName = new Dictionary<string, ActionFact>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in actions) _actionsByName[a.Name] = a;
    }

    private readonly Dictionary<string, ActionFact> _actionsByName;

    /// <summary>The gateway's requests, key by key (rules/service.yml requestKeys).</summary>
    public IReadOnlyList<RequestKeyFact> RequestKeys { get; }

    /// <summary>The row for a key: an exact row before a family row.</summary>
    public RequestKeyFact? FindRequestKey(string key)
    {
        RequestKeyFact? family = null;
        foreach (var r in RequestKeys)
        {
            if (!r.Covers(key)) continue;
            if (!r.IsFamily) return r;
            family ??= r;
        }
        return family;
    }

    public string Name { get; }
    public string Namespace { get; }
    public string SigningName { get; }
    public string EndpointTemplate { get; }
    public string ServicePrincipal { get; }
    public string WorkspaceArnTemplate { get; }
    public string WorkspaceIdPattern { get; }
    public string CatalogDate { get; }
    public IReadOnlyList<ActionFact> Actions { get; }
    public IReadOnlyList<ConditionKeyFact> ConditionKeys { get; }
    public IReadOnlyList<ManagedPolicyFact> ManagedPolicies { get; }
    public IReadOnlyList<FeatureFact> Features { get; }
    public IReadOnlyList<string> DefaultFeatures { get; }
    public PortkeyFacts Portkey { get; }
    public WrongNameFacts WrongNames { get; }
    public IReadOnlyList<string> Partitions { get; }
    public IReadOnlyList<string> Regions { get; }

    public ActionFact? FindAction(string name) => _actionsByName.TryGetValue(name, out var a) ? a : null;

    public FeatureFact? FindFeature(string name)
    {
        foreach (var f in Features)
        {
            if (string.Equals(f.Name, name, StringComparison.Ordinal)) return f;
        }
        return null;
    }

    public ManagedPolicyFact? FindManagedPolicy(string nameOrArn)
    {
        foreach (var p in ManagedPolicies)
        {
            if (string.Equals(p.Name, nameOrArn, StringComparison.Ordinal) || string.Equals(p.Arn, nameOrArn, StringComparison.Ordinal)) return p;
        }
        return null;
    }

    /// <summary>"aws-external-anthropic:CreateInference".</summary>
    public string Qualified(string action) => Namespace + ":" + action;
}

/// <summary>Whether a context key is on one of the gateway's requests, and what is known of its value.</summary>
public enum KeyStatus
{
    Known,
    Absent,
    Unknown,
    UnknownOrAbsent,
}

/// <summary>One row of the gateway's request table (rules/service.yml requestKeys).</summary>
public sealed class RequestKeyFact
{
    public RequestKeyFact(string key, KeyStatus call, KeyStatus assumeRole, KeyStatus? selfHosted, string? value, string type, string source)
    {
        Key = key;
        Call = call;
        AssumeRole = assumeRole;
        SelfHosted = selfHosted;
        Value = value;
        Type = type;
        Source = source;
    }

    /// <summary>The key; "aws:PrincipalTag/*" stands for every key under the prefix.</summary>
    public string Key { get; }
    public KeyStatus Call { get; }
    public KeyStatus AssumeRole { get; }
    /// <summary>For a self-hosted gateway, the status on both requests (when it differs).</summary>
    public KeyStatus? SelfHosted { get; }
    /// <summary>For a known key: the value or a ${Token} the requests fill in.</summary>
    public string? Value { get; }
    public string Type { get; }
    public string Source { get; }

    public bool IsFamily => Key.EndsWith("/*", System.StringComparison.Ordinal);

    public KeyStatus StatusOn(bool assumeRole, bool selfHosted)
        => selfHosted && SelfHosted.HasValue ? SelfHosted.Value : assumeRole ? AssumeRole : Call;

    /// <summary>Whether the row names the key (exactly, or as a "prefix/*" family), ignoring case.</summary>
    public bool Covers(string key)
        => IsFamily
            ? key.Length > Key.Length - 1 && key.StartsWith(Key.Substring(0, Key.Length - 1), System.StringComparison.OrdinalIgnoreCase)
            : string.Equals(key, Key, System.StringComparison.OrdinalIgnoreCase);

    public static KeyStatus ParseStatus(string s) => s switch
    {
        "known" => KeyStatus.Known,
        "absent" => KeyStatus.Absent,
        "unknown" => KeyStatus.Unknown,
        "unknown-or-absent" => KeyStatus.UnknownOrAbsent,
        _ => throw new System.ArgumentException($"unknown key status '{s}' (known, absent, unknown, unknown-or-absent)"),
    };

    public static string StatusName(KeyStatus s) => s switch
    {
        KeyStatus.Known => "known",
        KeyStatus.Absent => "absent",
        KeyStatus.Unknown => "unknown",
        _ => "unknown-or-absent",
    };
}

public sealed class PortkeyFacts
{
    public PortkeyFacts(string hostedPrincipal, string hostedAccount, string trustAction, string externalIdPattern,
        int externalIdMinLength, int externalIdMaxLength, IReadOnlyList<string> placeholderExternalIds)
    {
        HostedPrincipal = hostedPrincipal;
        HostedAccount = hostedAccount;
        TrustAction = trustAction;
        ExternalIdPattern = externalIdPattern;
        ExternalIdMinLength = externalIdMinLength;
        ExternalIdMaxLength = externalIdMaxLength;
        PlaceholderExternalIds = placeholderExternalIds;
    }

    public string HostedPrincipal { get; }
    public string HostedAccount { get; }
    public string TrustAction { get; }
    public string ExternalIdPattern { get; }
    public int ExternalIdMinLength { get; }
    public int ExternalIdMaxLength { get; }
    public IReadOnlyList<string> PlaceholderExternalIds { get; }
}

public sealed class WrongNameFacts
{
    public WrongNameFacts(IReadOnlyList<string> namespaces, IReadOnlyList<ActionRename> actions, IReadOnlyList<string> signingNames, IReadOnlyList<string> hosts)
    {
        Namespaces = namespaces;
        Actions = actions;
        SigningNames = signingNames;
        Hosts = hosts;
    }

    /// <summary>Namespaces people use by mistake for Claude Platform actions (bedrock, anthropic, ...).</summary>
    public IReadOnlyList<string> Namespaces { get; }
    public IReadOnlyList<ActionRename> Actions { get; }
    public IReadOnlyList<string> SigningNames { get; }
    /// <summary>Other services' hosts as templates ("bedrock-runtime.{region}.amazonaws.com").</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>True for a namespace used by mistake (case-insensitive): "bedrock" in "bedrock:InvokeModel".</summary>
    public bool IsWrongNamespace(string prefix) => In(prefix, Namespaces);

    /// <summary>True for a service name requests are signed with by mistake; "sts" is right for the AssumeRole call itself.</summary>
    public bool IsWrongSigningName(string name) => !string.Equals(name, "sts", StringComparison.OrdinalIgnoreCase) && In(name, SigningNames);

    /// <summary>The known rename of a wrong action ("bedrock:InvokeModel" → CreateInference), or null.</summary>
    public ActionRename? FindRename(string wrongAction)
    {
        foreach (var r in Actions) if (string.Equals(r.Wrong, wrongAction, StringComparison.OrdinalIgnoreCase)) return r;
        return null;
    }

    /// <summary>A value's first use of another service's host: where it starts, the fixed text before "{region}" and whether it is regional.</summary>
    public bool FindHost(string value, string ownPrefix, out int index, out string hostPrefix, out bool regional)
    {
        foreach (var template in Hosts)
        {
            int brace = template.IndexOf("{region}", StringComparison.Ordinal);
            string head = brace >= 0 ? template.Substring(0, brace) : template;
            if (string.Equals(head, ownPrefix, StringComparison.Ordinal)) continue; // our own service on the wrong domain: a rule of its own
            int at = value.IndexOf(head, StringComparison.Ordinal);
            if (at < 0) continue;
            index = at;
            hostPrefix = head;
            regional = brace >= 0;
            return true;
        }
        index = -1;
        hostPrefix = string.Empty;
        regional = false;
        return false;
    }

    private static bool In(string value, IReadOnlyList<string> names)
    {
        foreach (var n in names) if (string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

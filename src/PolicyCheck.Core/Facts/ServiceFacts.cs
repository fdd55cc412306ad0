using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

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
        _actionsByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _qualified = new string[actions.Count];
        for (int i = 0; i < actions.Count; i++)
        {
            _actionsByName[actions[i].Name] = i;
            _qualified[i] = ns + ":" + actions[i].Name;
        }
    }

    /// <summary>Each action's position in <see cref="Actions"/>, by name (any case).</summary>
    private readonly Dictionary<string, int> _actionsByName;
    private readonly string[] _qualified;

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

    public ActionFact? FindAction(string name) => _actionsByName.TryGetValue(name, out int i) ? Actions[i] : null;

    /// <summary>The action's position in <see cref="Actions"/> (the one <see cref="FindAction"/> finds), or -1.</summary>
    public int IndexOfAction(string name) => _actionsByName.TryGetValue(name, out int i) ? i : -1;

    public FeatureFact? FindFeature(string name)
    {
        for (int i = 0; i < Features.Count; i++) // by index: a foreach over the interface would box its enumerator
        {
            if (string.Equals(Features[i].Name, name, StringComparison.Ordinal)) return Features[i];
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
    public string Qualified(string action)
        => _actionsByName.TryGetValue(action, out int i) && string.Equals(Actions[i].Name, action, StringComparison.Ordinal) ? _qualified[i] : Namespace + ":" + action;

    /// <summary>The qualified name of the action at this position in <see cref="Actions"/>.</summary>
    public string Qualified(int action) => _qualified[action];
}

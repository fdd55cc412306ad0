using System;
using System.Collections.Generic;
using PolicyCheck.Facts;

namespace PolicyCheck.Config;

public sealed class GatewayConfig
{
    /// <summary>Values for keys unknown offline, applied to every gateway request that carries the key.</summary>
    public List<ContextSetting> Context { get; } = new List<ContextSetting>();

    public string? Path { get; set; }
    public Deployment Deployment { get; set; } = Deployment.Hosted;
    /// <summary>Expected trusted principals; empty means the hosted Portkey role (hosted) or none known (self-hosted).</summary>
    public List<Located<string>> Principals { get; } = new List<Located<string>>();
    public List<Located<string>> Features { get; } = new List<Located<string>>();
    public Located<string>? Region { get; set; }
    public Located<string>? Account { get; set; }
    public Located<string>? Workspace { get; set; }
    /// <summary>A Portkey integration settings file that supplies the gateway values (gateway.settings).</summary>
    public Located<string>? SettingsPath { get; set; }
    /// <summary>baseline: in policycheck.yml, the default of lint --baseline (resolved against the file's folder).</summary>
    public Located<string>? BaselinePath { get; set; }
    /// <summary>helpUri: in policycheck.yml, the base of the rules' help links in reports (default: the catalogue's).</summary>
    public Located<string>? HelpUriBase { get; set; }
    /// <summary>The role the gateway assumes (used by verify).</summary>
    public Located<string>? RoleArn { get; set; }
    public bool ExternalIdRequired { get; set; }
    /// <summary>The configured external ID. Treated as sensitive: never printed.</summary>
    public Located<string>? ExternalIdValue { get; set; }
    /// <summary>"policycheck.yml" or "environment variable NAME": where the external ID came from, for messages.</summary>
    public string? ExternalIdSource { get; set; }
    public List<Located<string>> ManagedPolicies { get; } = new List<Located<string>>();
    public Dictionary<string, Severity?> RuleSeverities { get; } = new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
    public List<Suppression> Suppressions { get; } = new List<Suppression>();

    /// <summary>The features in force (the defaults when none are configured).</summary>
    public IReadOnlyList<string> EffectiveFeatures(ServiceFacts facts)
    {
        if (Features.Count == 0) return facts.DefaultFeatures;
        var list = new List<string>();
        foreach (var f in Features) list.Add(f.Value);
        return list;
    }

    /// <summary>The principals the trust policy must name.</summary>
    public IReadOnlyList<string> ExpectedPrincipals(ServiceFacts facts)
    {
        var list = new List<string>();
        foreach (var p in Principals) list.Add(p.Value);
        if (list.Count == 0 && Deployment == Deployment.Hosted) list.Add(facts.Portkey.HostedPrincipal);
        return list;
    }

    /// <summary>The workspace ARN the gateway calls, with '*' for what is not configured.</summary>
    public string WorkspaceArnPattern(ServiceFacts facts)
        => $"arn:aws:{facts.Namespace}:{Region?.Value ?? "*"}:{Account?.Value ?? "*"}:workspace/{Workspace?.Value ?? "*"}";
}

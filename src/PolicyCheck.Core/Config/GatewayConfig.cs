using System;
using System.Collections.Generic;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Config;

public enum Deployment
{
    Hosted,
    SelfHosted,
}

/// <summary>A configured value and where it was written (null path when it is a default).</summary>
public sealed class Located<T>
{
    public Located(T value, string? path, SourceSpan span)
    {
        Value = value;
        Path = path;
        Span = span;
    }

    public T Value { get; }
    public string? Path { get; }
    public SourceSpan Span { get; }
}

public sealed class Suppression
{
    public Suppression(string rule, string? pathGlob, string justification, DateTime? expires, string? configPath, SourceSpan span)
    {
        Rule = rule;
        PathGlob = pathGlob;
        Justification = justification;
        Expires = expires;
        ConfigPath = configPath;
        Span = span;
    }

    public string Rule { get; }
    public string? PathGlob { get; }
    public string Justification { get; }
    public DateTime? Expires { get; }
    public string? ConfigPath { get; }
    public SourceSpan Span { get; }
}

/// <summary>policycheck.yml: what the gateway needs and how to report. Defaults describe a hosted Portkey deployment.</summary>
/// <summary>A value for a key the gateway sends but that is unknown offline (gateway.context, lint --context).</summary>
public sealed class ContextSetting
{
    public ContextSetting(string key, IReadOnlyList<string> values, Evaluation.ContextType type, string? path, SourceSpan span)
    {
        Key = key;
        Values = values;
        Type = type;
        Path = path;
        Span = span;
    }

    public string Key { get; }
    public IReadOnlyList<string> Values { get; }
    public Evaluation.ContextType Type { get; }
    public string? Path { get; }
    public SourceSpan Span { get; }
}

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

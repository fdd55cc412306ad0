using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>A check. Each rule lives in its own file and reports under one catalogue ID.</summary>
public abstract class PolicyRule
{
    public abstract string Id { get; }

    public abstract void Check(RuleContext context);
}

/// <summary>What a rule sees: the role's documents, the config, the facts, and a way to report.</summary>
public sealed class RuleContext
{
    private readonly List<Diagnostic> _sink;

    public RuleContext(RuleDescriptor descriptor, RoleGroup role, GatewayConfig config, ServiceFacts facts, List<Diagnostic> sink)
    {
        Descriptor = descriptor;
        Role = role;
        Config = config;
        Facts = facts;
        _sink = sink;
    }

    public RuleDescriptor Descriptor { get; }
    public RoleGroup Role { get; }
    public GatewayConfig Config { get; }
    public ServiceFacts Facts { get; }

    public void Report(PolicyDocument document, SourceSpan span, string message, string? fix = null, Severity? severity = null)
    {
        if (document.Path.StartsWith(ManagedPolicies.PathPrefix, StringComparison.Ordinal)) return;
        _sink.Add(new Diagnostic(Descriptor.Id, severity ?? Descriptor.DefaultSeverity, message, fix ?? Descriptor.Fix, document.Path, span, document.Label));
    }

    public void ReportAt(string path, SourceSpan span, string message, string? fix = null, Severity? severity = null)
        => _sink.Add(new Diagnostic(Descriptor.Id, severity ?? Descriptor.DefaultSeverity, message, fix ?? Descriptor.Fix, path, span));
}

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

    private readonly Func<AwsCatalog?>? _catalog;

    public RuleContext(RuleDescriptor descriptor, RoleGroup role, GatewayConfig config, ServiceFacts facts, List<Diagnostic> sink, Func<AwsCatalog?>? catalog = null)
    {
        Descriptor = descriptor;
        Role = role;
        Config = config;
        Facts = facts;
        _sink = sink;
        _catalog = catalog;
    }

    /// <summary>The whole AWS action catalogue, loaded on first use; null where none is available (the analyzers).</summary>
    public AwsCatalog? Catalog => _catalog?.Invoke();

    public RuleDescriptor Descriptor { get; private set; }

    /// <summary>The same role's context for the next rule: one context per role, not one per rule and role.</summary>
    internal void Next(RuleDescriptor descriptor)
    {
        FlushDropped();
        Descriptor = descriptor;
        _reported = 0;
        _dropDocument = null;
    }
    public RoleGroup Role { get; }
    public GatewayConfig Config { get; }
    public ServiceFacts Facts { get; }

    /// <summary>At most this many findings of one rule per document; then one note says how many were left out.</summary>
    public const int MaxFindingsPerRule = 100;

    private int _reported;
    private int _dropped;
    private PolicyDocument? _dropDocument;

    /// <summary>True when this rule's findings in <paramref name="document"/> reached the cap: a costly message (a nearest name) can be skipped, the finding is only counted.</summary>
    public bool Full(PolicyDocument document) => _dropDocument == document && _reported >= MaxFindingsPerRule;

    /// <summary>A proof finding that depends on values unknown offline: a warning naming the keys and how to supply them.</summary>
    public void ReportDepends(PolicyDocument document, SourceSpan span, string message, IReadOnlyList<string> keys, Func<IReadOnlyList<string>>? trace = null)
    {
        int before = _sink.Count;
        Report(document, span, message, Proofs.SupplyFix(keys), Severity.Warning, trace);
        if (_sink.Count > before) _sink[_sink.Count - 1].Depends = true;
    }

    public void Report(PolicyDocument document, SourceSpan span, string message, string? fix = null, Severity? severity = null, Func<IReadOnlyList<string>>? trace = null,
        TextEdit? edit = null)
    {
        if (document.Path.StartsWith(ManagedPolicies.PathPrefix, StringComparison.Ordinal)) return;
        if (_dropDocument != document)
        {
            FlushDropped();
            _dropDocument = document;
            _reported = 0;
        }
        if (++_reported > MaxFindingsPerRule)
        {
            _dropped++;
            return;
        }
        span = document.InFile(span);
        _sink.Add(new Diagnostic(Descriptor.Id, severity ?? Descriptor.DefaultSeverity, message, fix ?? Descriptor.Fix, document.Path, span, document.Label) { TraceFactory = trace, Edit = edit });
    }

    /// <summary>Called by the engine after the rule ran: reports how many findings the cap left out.</summary>
    internal void FlushDropped()
    {
        if (_dropped == 0 || _dropDocument == null) return;
        _sink.Add(new Diagnostic(Descriptor.Id, Severity.Note,
            $"{_dropped:N0} more {Descriptor.Id} finding(s) in this file are not shown (limit {MaxFindingsPerRule} per rule and file)", null,
            _dropDocument.Path, _dropDocument.InFile(_dropDocument.RootSpan), _dropDocument.Label));
        _dropped = 0;
    }

    /// <summary>True when an earlier rule whose ID passes <paramref name="rule"/> reported inside the statement.</summary>
    /// <summary>True when a rule this one declares in catalog.yml quietWhereReported reported inside the statement.</summary>
    public bool QuietAt(PolicyDocument document, Statement statement)
    {
        var quiet = Descriptor.QuietWhereReported;
        return quiet.Count > 0 && ReportedWithin(document, statement, id => Contains(quiet, id));
    }

    private static bool Contains(IReadOnlyList<string> list, string id)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == id) return true;
        return false;
    }

    public bool ReportedWithin(PolicyDocument document, Statement statement, Func<string, bool> rule)
    {
        var span = document.InFile(statement.Span);
        int start = span.Start, end = span.Start + span.Length;
        foreach (var d in _sink)
        {
            if (d.Path != document.Path || !string.Equals(d.Label, document.Label, StringComparison.Ordinal)) continue;
            if (!rule(d.RuleId)) continue;
            if (d.Span.Start >= start && d.Span.Start <= end) return true;
        }
        return false;
    }

    public void ReportAt(string path, SourceSpan span, string message, string? fix = null, Severity? severity = null)
        => _sink.Add(new Diagnostic(Descriptor.Id, severity ?? Descriptor.DefaultSeverity, message, fix ?? Descriptor.Fix, path, span));
}

using System.Collections.Generic;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Engine;

/// <summary>One finding: rule, severity, where, why and how to fix it.</summary>
public sealed class Diagnostic
{
    public Diagnostic(string ruleId, Severity severity, string message, string? fix, string path, SourceSpan span, string? label = null)
    {
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Fix = fix;
        Path = path;
        Span = span;
        Label = label;
    }

    public string RuleId { get; }
    public Severity Severity { get; internal set; }
    public string Message { get; private set; }
    public string? Fix { get; }
    public string Path { get; }
    public SourceSpan Span { get; }
    /// <summary>Where inside the file (e.g. a template resource), when the file holds more than one policy.</summary>
    public string? Label { get; }
    /// <summary>The role whose lint raised it (the JUnit report's test suite).</summary>
    public string? Role { get; internal set; }
    /// <summary>A proof that depends on values unknown offline: a warning at most, whatever the rule's severity.</summary>
    public bool Depends { get; internal set; }
    /// <summary>The justification when a suppression in the config hides this finding.</summary>
    public string? SuppressedBecause { get; internal set; }
    public bool IsSuppressed => SuppressedBecause != null;
    /// <summary>lint --baseline: the finding is in the baseline (SARIF baselineState "unchanged"; else "new").</summary>
    public bool Baselined { get; set; }
    /// <summary>Suppresses the finding with a justification (a baseline, an inline suppression).</summary>
    public void Suppress(string justification) => SuppressedBecause = justification;
    private System.Func<IReadOnlyList<string>>? _traceFactory;
    private IReadOnlyList<string>? _trace;

    /// <summary>For proof findings: how the evaluator reached its decision, one line per statement (shown with --verbose).</summary>
    public IReadOnlyList<string>? Trace => _trace ??= _traceFactory?.Invoke();

    /// <summary>A fix that can be applied without asking (lint --fix): replace <see cref="TextEdit.Old"/> inside the span.</summary>
    public TextEdit? Edit { get; internal set; }

    /// <summary>Not provable before deployment: a note, saying so; trace, fix and edit stay.</summary>
    internal void Defer(string why)
    {
        Severity = Severity.Note;
        Message += why;
    }

    /// <summary>The trace is built only when something reads it.</summary>
    internal System.Func<IReadOnlyList<string>>? TraceFactory
    {
        set => _traceFactory = value;
    }
}

/// <summary>An unambiguous text change inside a finding's span: the one occurrence of Old becomes New.</summary>
public sealed class TextEdit
{
    public TextEdit(string old, string @new)
    {
        Old = old;
        New = @new;
    }

    public string Old { get; }
    public string New { get; }
}

using System;

namespace PolicyCheck.Json;

public enum ProblemKind
{
    /// <summary>The input cannot be used as it is (a missing file, a bad config value, a template error).</summary>
    Error,
    /// <summary>The text is not JSON; parsing stopped here.</summary>
    Syntax,
    /// <summary>Not strict JSON but understood (comments, trailing commas); parsing went on.</summary>
    Tolerated,
    /// <summary>An object repeats a key.</summary>
    DuplicateKey,
    /// <summary>The bytes are not valid text (invalid UTF-8, NUL bytes).</summary>
    Encoding,
    /// <summary>Readable, but unusual encoding (BOM, UTF-16).</summary>
    EncodingNote,
}

/// <summary>
/// A problem any reader finds in an input: the file, where in it (when it has a place), why, and the rule that
/// reports it (PC4001 for the config, a grammar rule for a policy; none for a file that cannot be read).
/// </summary>
public sealed class Problem
{
    private Problem(string path, string message, SourceSpan? span, string? ruleId, string? fix, ProblemKind kind)
    {
        Path = path;
        Message = message;
        HasPosition = span.HasValue;
        Span = span ?? SourceSpan.FileStart;
        RuleId = ruleId;
        Fix = fix;
        Kind = kind;
    }

    /// <summary>The file (or the command-line option) the problem is in; empty until a reader that knows it sets it.</summary>
    public string Path { get; }
    public string Message { get; }
    /// <summary>Where in the file; the file's start when <see cref="HasPosition"/> is false.</summary>
    public SourceSpan Span { get; }
    public bool HasPosition { get; }
    public string? RuleId { get; }
    public string? Fix { get; }
    public ProblemKind Kind { get; }

    /// <summary>A file or option that cannot be used (lint exits 2).</summary>
    public static Problem Input(string path, string message, SourceSpan? span = null) => new Problem(path, message, span, null, null, ProblemKind.Error);

    /// <summary>A problem in policycheck.yml or the settings file: PC4001 with its position.</summary>
    public static Problem Config(string path, SourceSpan span, string message) => new Problem(path, message, span, Rules.RuleIds.ConfigInvalid, null, ProblemKind.Error);

    /// <summary>What a text parser found, before the file is known.</summary>
    public static Problem Parse(ProblemKind kind, string message, SourceSpan span) => new Problem(string.Empty, message, span, null, null, kind);

    /// <summary>A problem a rule reports as it is (the model reader's element errors).</summary>
    public static Problem Rule(string ruleId, string message, SourceSpan span, string? fix = null) => new Problem(string.Empty, message, span, ruleId, fix, ProblemKind.Error);

    /// <summary>The same problem, in a file.</summary>
    public Problem In(string path) => new Problem(path, Message, HasPosition ? Span : null, RuleId, Fix, Kind);

    public override string ToString() => HasPosition ? $"{Path}({Span.Line},{Span.Column}): {Message}" : $"{Path}: {Message}";
}

/// <summary>Stops a reader at a problem with a position (a template error, a YAML error); caught where the file is known.</summary>
public sealed class ProblemException : Exception
{
    public ProblemException(string message, SourceSpan span) : base(message) => Span = span;

    public SourceSpan Span { get; }

    public Problem In(string path) => Problem.Input(path, Message, Span);
}

using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Config;

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

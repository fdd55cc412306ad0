using System;
using PolicyCheck.Json;

namespace PolicyCheck.Config;

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

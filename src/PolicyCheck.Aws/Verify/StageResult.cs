using System.Collections.Generic;

namespace PolicyCheck.Aws.Verify;

public enum StageStatus
{
    Pass,
    Fail,
    Skipped,
}

/// <summary>One stage's outcome: pass / fail / skipped-with-reason, the cause and fix, the request ID.</summary>
public sealed class StageResult
{
    public StageResult(string name, StageStatus status, string cause, string? fix = null, string? requestId = null)
    {
        Name = name;
        Status = status;
        Cause = cause;
        Fix = fix;
        RequestId = requestId;
    }

    public string Name { get; }
    public StageStatus Status { get; }
    public string Cause { get; }
    public string? Fix { get; }
    public string? RequestId { get; }
    public List<string> Details { get; } = new List<string>();

    public string StatusName => Status switch
    {
        StageStatus.Pass => "pass",
        StageStatus.Fail => "fail",
        _ => "skipped",
    };
}

/// <summary>Masks every secret the run has seen (keys, tokens, API keys, the external ID) in whatever is printed.</summary>
public sealed class Redactor
{
    private readonly List<string> _secrets = new List<string>();

    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret!.Length >= 4 && !_secrets.Contains(secret)) _secrets.Add(secret);
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        foreach (var s in _secrets) text = text!.Replace(s, "****", System.StringComparison.Ordinal);
        return text!;
    }
}

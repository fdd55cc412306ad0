using System.Collections.Generic;

namespace PolicyCheck.Aws.Verify;

public enum StageStatus
{
    Pass,
    Fail,
    Skipped,
    /// <summary>Could not be confirmed, and the stages asked for do not need it (an unreachable STS with --stage call).</summary>
    Warn,
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
        StageStatus.Warn => "warning",
        _ => "skipped",
    };
}

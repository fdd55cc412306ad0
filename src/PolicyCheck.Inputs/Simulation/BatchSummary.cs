using System.Collections.Generic;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>What a --batch run found: lines rejected, and the lines (by id) whose decision missed its "expect".</summary>
public sealed class BatchSummary
{
    public int Errors { get; set; }
    public List<string> Mismatches { get; } = new List<string>();
}

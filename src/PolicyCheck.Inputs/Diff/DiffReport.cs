namespace PolicyCheck.Inputs.Diff;

/// <summary>A diff's findings in a lint report's shape (so every formatter writes it), and its counts.</summary>
public sealed class DiffReport
{
    public LintReport Report { get; } = new LintReport();
    public int RolesCompared { get; set; }
    public int RolesChanged { get; set; }
    public int RolesAdded { get; set; }
    public int RolesRemoved { get; set; }
    public int BasePolicies { get; set; }
    public int HeadPolicies { get; set; }
    /// <summary>Requests evaluated, on both sides together.</summary>
    public int Evaluations { get; set; }
    /// <summary>Distinct action patterns expanded over the catalogue (each once, whatever the number of roles).</summary>
    public int Expansions { get; set; }
    /// <summary>A file of either side could not be read: the diff covers the rest, and the exit code says so.</summary>
    public bool Incomplete => Report.Problems.Count > 0;
}

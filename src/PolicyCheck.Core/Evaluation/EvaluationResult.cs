using System.Collections.Generic;

namespace PolicyCheck.Evaluation;

/// <summary>The decision with what led to it.</summary>
public sealed class EvaluationResult
{
    public Decision Decision { get; internal set; }
    /// <summary>One line saying why, in AWS's terms.</summary>
    public string Reason { get; internal set; } = string.Empty;
    /// <summary>The statements that decided: the Deny that applied, or the Allows that applied.</summary>
    public List<StatementTrace> Matched { get; } = new List<StatementTrace>();
    public List<StatementTrace> Trace { get; } = new List<StatementTrace>();
    /// <summary>Assumptions made on the way (e.g. unknown identity policies of a cross-account caller).</summary>
    public List<string> Notes { get; } = new List<string>();
    /// <summary>Collect only <see cref="DependsOn"/>: no per-statement trace (the decision-only path).</summary>
    internal bool KeysOnly { get; set; }
    /// <summary>The context keys, unknown offline, that the decision depends on (for <see cref="Decision.Depends"/>).</summary>
    public List<string> DependsOn { get; } = new List<string>();
    /// <summary>The statements that may apply, depending on those keys.</summary>
    public List<StatementTrace> MayMatch { get; } = new List<StatementTrace>();
    /// <summary>For <see cref="Decision.Depends"/>: whether the Allow is what depends (else it is certain).</summary>
    public bool AllowDepends { get; internal set; }
    /// <summary>For <see cref="Decision.Depends"/>: whether a Deny may apply.</summary>
    public bool DenyDepends { get; internal set; }

    /// <summary>For an implicit deny: the statement that came closest to allowing (action matched, something else not).</summary>
    public StatementTrace? NearestMiss
    {
        get
        {
            StatementTrace? best = null;
            foreach (var t in Trace)
            {
                if (!t.Statement.IsAllow || t.Applies || t.Action != true) continue;
                if (best == null || t.Score > best.Score) best = t;
            }
            return best;
        }
    }
}

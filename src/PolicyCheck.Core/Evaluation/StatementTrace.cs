using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Evaluation;

/// <summary>How one statement fared against a request.</summary>
public sealed class StatementTrace
{
    public StatementTrace(PolicySource source, PolicyDocument document, Statement statement)
    {
        Source = source;
        Document = document;
        Statement = statement;
    }

    public PolicySource Source { get; }
    public PolicyDocument Document { get; }
    public Statement Statement { get; }
    public bool? Action { get; internal set; }
    public bool? Resource { get; internal set; }
    public bool? Principal { get; internal set; }
    public bool? Condition { get; internal set; }
    /// <summary>The condition depends on a value unknown offline (then <see cref="Condition"/> is null).</summary>
    public bool ConditionUnknown { get; internal set; }
    public bool Applies { get; internal set; }
    /// <summary>Applies or not depending on a value unknown offline.</summary>
    public bool MayApply { get; internal set; }
    public List<string> Notes { get; } = new List<string>();

    /// <summary>How many of the checked parts matched: used to find the nearest miss.</summary>
    public int Score => (Action == true ? 4 : 0) + (Resource == true ? 2 : 0) + (Principal == true ? 2 : 0) + (Condition == true ? 1 : 0);

    public string Effect => Statement.Effect?.Value ?? "?";

    public override string ToString()
    {
        string where = Document.Label != null ? $"{Document.Path} ({Document.Label})" : Document.Path;
        var parts = new List<string>();
        if (Action.HasValue) parts.Add("action " + (Action.Value ? "matched" : "did not match"));
        if (Resource.HasValue) parts.Add("resource " + (Resource.Value ? "matched" : "did not match"));
        if (Principal.HasValue) parts.Add("principal " + (Principal.Value ? "matched" : "did not match"));
        if (Condition.HasValue) parts.Add("condition " + (Condition.Value ? "held" : "did not hold"));
        if (ConditionUnknown) parts.Add("condition depends on values unknown offline");
        string notes = Notes.Count > 0 ? " — " + string.Join("; ", Notes) : string.Empty;
        string applies = Applies ? "applies" : MayApply ? "may apply" : "does not apply";
        return $"{Source} {where}:{Statement.Span.Line} {Statement.Label} [{Effect}] {applies}: {string.Join(", ", parts)}{notes}";
    }
}

using System.Collections.Generic;
using System.Text;
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
        var sb = _text ??= new StringBuilder(256);
        sb.Clear();
        AppendTo(sb);
        string text = sb.ToString();
        if (sb.Capacity > 4096) _text = null;
        return text;
    }

    /// <summary>Appends what <see cref="ToString"/> returns.</summary>
    public void AppendTo(StringBuilder sb)
    {
        sb.Append(SourceNames[(int)Source]).Append(' ').Append(Document.Path);
        if (Document.Label != null) sb.Append(" (").Append(Document.Label).Append(')');
        sb.Append(':').Append(Statement.Span.Line).Append(' ').Append(Statement.Label).Append(" [").Append(Effect).Append("] ");
        sb.Append(Applies ? "applies" : MayApply ? "may apply" : "does not apply").Append(": ");
        int parts = 0;
        if (Action.HasValue) Part(sb, ref parts, Action.Value ? "action matched" : "action did not match");
        if (Resource.HasValue) Part(sb, ref parts, Resource.Value ? "resource matched" : "resource did not match");
        if (Principal.HasValue) Part(sb, ref parts, Principal.Value ? "principal matched" : "principal did not match");
        if (Condition.HasValue) Part(sb, ref parts, Condition.Value ? "condition held" : "condition did not hold");
        if (ConditionUnknown) Part(sb, ref parts, "condition depends on values unknown offline");
        for (int i = 0; i < Notes.Count; i++) sb.Append(i == 0 ? " — " : "; ").Append(Notes[i]);
    }

    private static void Part(StringBuilder sb, ref int parts, string part)
    {
        if (parts++ > 0) sb.Append(", ");
        sb.Append(part);
    }

    /// <summary>Each thread's builder, reused trace line after trace line.</summary>
    [System.ThreadStatic] private static StringBuilder? _text;

    /// <summary>The names of <see cref="PolicySource"/>'s values, in order, as its ToString writes them (a test compares them).</summary>
    public static readonly IReadOnlyList<string> SourceNames = new[] { "Identity", "Resource", "Boundary", "Scp", "Rcp", "Session" };
}

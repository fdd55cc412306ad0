using System.Collections.Generic;
using System.Text.Json;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Inputs.Simulation;

namespace PolicyCheck.Cli.Output;


/// <summary>Writes simulation results as JSON (AWS's simulator vocabulary) or text.</summary>
public static class SimulationOutput
{
    /// <summary>One result as a JSON object; <paramref name="trace"/> is its trace as it may be printed (masked, or masked with the whole output).</summary>
    public static void WriteJson(Utf8JsonWriter w, SimulationResult r, bool includeRequest, IReadOnlyList<string> trace, string? id = null, string? expect = null, bool? expectMet = null)
    {
        w.WriteStartObject();
        if (id != null) w.WriteString("id", id);
        if (includeRequest)
        {
            w.WriteString("action", r.Request.Action);
            w.WriteString("resource", r.Request.Resource);
            if (r.Request.Principal != null) w.WriteString("principal", r.Request.Principal.Text);
            else w.WriteNull("principal");
        }
        w.WriteString("decision", r.Decision);
        w.WriteString("reason", r.Result.Reason);
        if (expect != null)
        {
            w.WriteString("expect", expect);
            w.WriteBoolean("expectMet", expectMet == true);
        }
        if (r.Result.Decision == Evaluation.Decision.Depends)
        {
            w.WriteStartArray("dependsOn");
            foreach (var k in r.Result.DependsOn) w.WriteStringValue(k);
            w.WriteEndArray();
        }
        w.WriteStartArray("matchedStatements");
        foreach (var t in r.Result.Matched) WriteStatement(w, t);
        w.WriteEndArray();
        w.WriteStartArray("trace");
        foreach (var line in trace) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter w, StatementTrace t)
    {
        w.WriteStartObject();
        w.WriteString("sourcePolicyId", t.Document.Path);
        w.WriteString("sourcePolicyType", SourceName(t.Source));
        w.WriteNumber("statementIndex", t.Statement.Index);
        if (t.Statement.Sid != null) w.WriteString("sid", t.Statement.Sid.Value);
        w.WriteString("effect", t.Effect);
        var span = t.Document.InFile(t.Statement.Span);
        w.WriteStartObject("startPosition");
        w.WriteNumber("line", span.Line);
        w.WriteNumber("column", span.Column);
        w.WriteEndObject();
        w.WriteStartObject("endPosition");
        w.WriteNumber("line", span.EndLine);
        w.WriteNumber("column", span.EndColumn);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string SourceName(PolicySource s) => s switch
    {
        PolicySource.Identity => "identity",
        PolicySource.Resource => "resource",
        PolicySource.Boundary => "permissionsBoundary",
        PolicySource.Scp => "scp",
        PolicySource.Rcp => "rcp",
        _ => "session",
    };

    public static void WriteText(System.IO.TextWriter output, SimulationResult r, string?[] secrets)
    {
        output.WriteLine($"{r.Decision,-13} {r.Request.Action} on {r.Request.Resource}{(r.Request.Principal != null ? " by " + r.Request.Principal.Text : string.Empty)}");
        output.WriteLine($"    reason: {r.Result.Reason}");
        foreach (var t in r.Result.Matched)
        {
            output.WriteLine($"    matched: {t.Document.Path}{t.Document.InFile(t.Statement.Span)} {t.Statement.Label} [{t.Effect}] in the {SourceName(t.Source)} policy");
        }
        var lines = Proofs.TraceOf(r.Result, r.Request, secrets);
        for (int i = 2; i < lines.Count; i++) output.WriteLine("    trace: " + lines[i]);
    }

    public static List<string> Names(IEnumerable<SimulationResult> results)
    {
        var list = new List<string>();
        foreach (var r in results) list.Add(r.Decision);
        return list;
    }
}

using System;
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
    /// <remarks>A null <paramref name="trace"/>: the unmasked trace, written from the result line by line with no string made (for output masked as a whole).</remarks>
    public static void WriteJson(Utf8JsonWriter w, SimulationResult r, bool includeRequest, IReadOnlyList<string>? trace, string? id = null, string? expect = null, bool? expectMet = null)
    {
        w.WriteStartObject();
        if (id != null) w.WriteString(Keys.Id, id);
        if (includeRequest)
        {
            w.WriteString(Keys.Action, r.Request.Action);
            w.WriteString(Keys.Resource, r.Request.Resource);
            if (r.Request.Principal != null) w.WriteString(Keys.Principal, r.Request.Principal.Text);
            else w.WriteNull(Keys.Principal);
        }
        w.WriteString(Keys.Decision, r.Decision);
        w.WriteString(Keys.Reason, r.Result.Reason);
        if (expect != null)
        {
            w.WriteString(Keys.Expect, expect);
            w.WriteBoolean(Keys.ExpectMet, expectMet == true);
        }
        if (r.Result.Decision == Evaluation.Decision.Depends)
        {
            w.WriteStartArray(Keys.DependsOn);
            foreach (var k in r.Result.DependsOn) w.WriteStringValue(k);
            w.WriteEndArray();
        }
        w.WriteStartArray(Keys.MatchedStatements);
        for (int i = 0; i < r.Result.Matched.Count; i++) WriteStatement(w, r.Result.Matched[i]);
        w.WriteEndArray();
        w.WriteStartArray(Keys.Trace);
        if (trace != null)
        {
            for (int i = 0; i < trace.Count; i++) w.WriteStringValue(trace[i]);
        }
        else
        {
            var sb = _line ??= new System.Text.StringBuilder(256);
            for (int i = 0, n = Proofs.TraceLength(r.Result); i < n; i++)
            {
                sb.Clear();
                Proofs.AppendTraceLine(r.Result, r.Request, i, sb);
                if (_chars == null || _chars.Length < sb.Length) _chars = new char[System.Math.Max(sb.Length, 256) * 2];
                sb.CopyTo(0, _chars, 0, sb.Length);
                w.WriteStringValue(new System.ReadOnlySpan<char>(_chars, 0, sb.Length));
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter w, StatementTrace t)
    {
        w.WriteStartObject();
        Span<char> path = stackalloc char[256];
        if (t.Document.TryWritePath(path, out int length)) w.WriteString(Keys.SourcePolicyId, path.Slice(0, length));
        else w.WriteString(Keys.SourcePolicyId, t.Document.Path);
        w.WriteString(Keys.SourcePolicyType, SourceName(t.Source));
        w.WriteNumber(Keys.StatementIndex, t.Statement.Index);
        if (t.Statement.Sid != null) w.WriteString(Keys.Sid, t.Statement.Sid.Value);
        w.WriteString(Keys.Effect, t.Effect);
        var span = t.Document.InFile(t.Statement.Span);
        w.WriteStartObject(Keys.StartPosition);
        w.WriteNumber(Keys.Line, span.Line);
        w.WriteNumber(Keys.Column, span.Column);
        w.WriteEndObject();
        w.WriteStartObject(Keys.EndPosition);
        w.WriteNumber(Keys.Line, span.EndLine);
        w.WriteNumber(Keys.Column, span.EndColumn);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Each thread's trace line, reused.</summary>
    [System.ThreadStatic] private static System.Text.StringBuilder? _line;
    [System.ThreadStatic] private static char[]? _chars;

    /// <summary>The property names, encoded once.</summary>
    private static class Keys
    {
        public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
        public static readonly JsonEncodedText DependsOn = JsonEncodedText.Encode("dependsOn");
        public static readonly JsonEncodedText Effect = JsonEncodedText.Encode("effect");
        public static readonly JsonEncodedText EndPosition = JsonEncodedText.Encode("endPosition");
        public static readonly JsonEncodedText Expect = JsonEncodedText.Encode("expect");
        public static readonly JsonEncodedText ExpectMet = JsonEncodedText.Encode("expectMet");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText MatchedStatements = JsonEncodedText.Encode("matchedStatements");
        public static readonly JsonEncodedText Principal = JsonEncodedText.Encode("principal");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
        public static readonly JsonEncodedText Sid = JsonEncodedText.Encode("sid");
        public static readonly JsonEncodedText SourcePolicyId = JsonEncodedText.Encode("sourcePolicyId");
        public static readonly JsonEncodedText SourcePolicyType = JsonEncodedText.Encode("sourcePolicyType");
        public static readonly JsonEncodedText StartPosition = JsonEncodedText.Encode("startPosition");
        public static readonly JsonEncodedText StatementIndex = JsonEncodedText.Encode("statementIndex");
        public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("trace");
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

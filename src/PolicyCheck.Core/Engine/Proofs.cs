using System;
using System.Collections.Generic;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Engine;

/// <summary>Turns an evaluation into the trace lines a finding shows on --verbose, with secrets masked.</summary>
public static class Proofs
{
    public const string Mask = "****";

    public static List<string> TraceOf(EvaluationResult result, EvalRequest request, params string?[] secrets)
    {
        var lines = new List<string>
        {
            $"request: {request.Action} on {request.Resource} by {request.Principal?.Text ?? "(no principal)"}",
            $"decision: {DecisionName(result.Decision)} ({result.Reason})",
        };
        foreach (var n in result.Notes) lines.Add("note: " + n);
        foreach (var t in result.Trace) lines.Add(t.ToString());
        for (int i = 0; i < lines.Count; i++) lines[i] = Redact(lines[i], secrets);
        return lines;
    }

    public static string Redact(string text, params string?[] secrets)
    {
        foreach (var s in secrets)
        {
            if (!string.IsNullOrEmpty(s) && s!.Length >= 2) text = text.Replace(s, Mask);
        }
        return text;
    }

    /// <summary>AWS's simulator vocabulary: allowed, explicitDeny, implicitDeny.</summary>
    public static string DecisionName(Decision d) => d switch
    {
        Decision.Allowed => "allowed",
        Decision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };

    public static bool IsManaged(StatementTrace t) => t.Document.Path.StartsWith(ManagedPolicies.PathPrefix, StringComparison.Ordinal);
}

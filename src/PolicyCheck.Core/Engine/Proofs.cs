using System;
using System.Collections.Generic;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Engine;

/// <summary>Turns an evaluation into the trace lines a finding shows on --verbose, with secrets masked.</summary>
public static class Proofs
{

    public static List<string> TraceOf(EvaluationResult result, EvalRequest request, params string?[] secrets)
    {
        var lines = new List<string>
        {
            $"request: {request.Action} on {request.Resource} by {request.Principal?.Text ?? "(no principal)"}",
            $"decision: {DecisionName(result.Decision)} ({result.Reason})",
        };
        foreach (var n in result.Notes) lines.Add("note: " + n);
        if (result.DependsOn.Count > 0) lines.Add("depends on: " + string.Join(", ", result.DependsOn));
        foreach (var t in result.Trace) lines.Add(t.ToString());
        var mask = new Secrets.SecretMask();
        foreach (var s in secrets) mask.Add(s);
        for (int i = 0; i < lines.Count; i++) lines[i] = mask.Apply(lines[i]);
        return lines;
    }

    /// <summary>Masks the given values (and anything credential-shaped) through the project's one redaction layer.</summary>
    public static string Redact(string text, params string?[] secrets)
    {
        var mask = new Secrets.SecretMask();
        foreach (var s in secrets) mask.Add(s);
        return mask.Apply(text);
    }

    /// <summary>AWS's simulator vocabulary: allowed, explicitDeny, implicitDeny.</summary>
    public static string DecisionName(Decision d) => d switch
    {
        Decision.Allowed => "allowed",
        Decision.ExplicitDeny => "explicitDeny",
        Decision.Depends => "depends",
        _ => "implicitDeny",
    };

    public static bool IsManaged(StatementTrace t) => t.Document.Path.StartsWith(ManagedPolicies.PathPrefix, StringComparison.Ordinal);
}

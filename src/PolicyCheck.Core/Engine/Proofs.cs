using System;
using System.Collections.Generic;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Engine;

/// <summary>Turns an evaluation into the trace lines a finding shows on --verbose, with secrets masked.</summary>
public static class Proofs
{

    public static List<string> TraceOf(EvaluationResult result, EvalRequest request, params string?[] secrets)
    {
        var lines = Unmasked(result, request);
        var mask = new Secrets.SecretMask();
        foreach (var s in secrets) mask.Add(s);
        for (int i = 0; i < lines.Count; i++) lines[i] = mask.Apply(lines[i]);
        return lines;
    }

    /// <summary>The trace before masking: only for output that passes through a mask holding the request's secrets as a whole.</summary>
    public static List<string> Unmasked(EvaluationResult result, EvalRequest request)
    {
        int count = TraceLength(result);
        var lines = new List<string>(count);
        var sb = new System.Text.StringBuilder(128);
        for (int i = 0; i < count; i++)
        {
            sb.Clear();
            AppendTraceLine(result, request, i, sb);
            lines.Add(sb.ToString());
        }
        return lines;
    }

    /// <summary>How many lines the trace of <paramref name="result"/> has.</summary>
    public static int TraceLength(EvaluationResult result) => 2 + result.Notes.Count + (result.DependsOn.Count > 0 ? 1 : 0) + result.Trace.Count;

    /// <summary>Line <paramref name="i"/> of the trace, unmasked, appended to <paramref name="sb"/>: the request, the decision, the notes, what it depends on, each statement.</summary>
    public static void AppendTraceLine(EvaluationResult result, EvalRequest request, int i, System.Text.StringBuilder sb)
    {
        if (i == 0)
        {
            sb.Append("request: ").Append(request.Action).Append(" on ").Append(request.Resource).Append(" by ").Append(request.Principal?.Text ?? "(no principal)");
            return;
        }
        if (i == 1)
        {
            sb.Append("decision: ").Append(DecisionName(result.Decision)).Append(" (").Append(result.Reason).Append(')');
            return;
        }
        i -= 2;
        if (i < result.Notes.Count)
        {
            sb.Append("note: ").Append(result.Notes[i]);
            return;
        }
        i -= result.Notes.Count;
        if (result.DependsOn.Count > 0)
        {
            if (i == 0)
            {
                sb.Append("depends on: ").Append(string.Join(", ", result.DependsOn));
                return;
            }
            i--;
        }
        result.Trace[i].AppendTo(sb);
    }

    /// <summary>Masks the given values (and anything credential-shaped) through the project's one redaction layer.</summary>
    public static string Redact(string text, params string?[] secrets)
    {
        var mask = new Secrets.SecretMask();
        foreach (var s in secrets) mask.Add(s);
        return mask.Apply(text);
    }

    /// <summary>"depends on aws:SourceIp and aws:PrincipalTag/team".</summary>
    public static string DependsOn(IReadOnlyList<string> keys) => "depends on " + Rules.Names.List(keys);

    /// <summary>How to settle a finding that depends on keys unknown offline.</summary>
    public static string SupplyFix(IReadOnlyList<string> keys)
    {
        string first = keys.Count > 0 ? keys[0] : "aws:SourceIp";
        return $"supply the value{(keys.Count > 1 ? "s" : string.Empty)} to decide it: gateway.context in policycheck.yml (e.g. \"{first}: {Example(first)}\") or lint --context {first}={Example(first)}";
    }

    private static string Example(string key)
        => key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase) ? "203.0.113.10"
            : key.StartsWith("aws:PrincipalOrg", StringComparison.OrdinalIgnoreCase) || key.StartsWith("aws:ResourceOrg", StringComparison.OrdinalIgnoreCase) ? "o-exampleorgid"
            : key.Equals("aws:TokenIssueTime", StringComparison.OrdinalIgnoreCase) ? "2026-01-01T00:00:00Z"
            : "VALUE";

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

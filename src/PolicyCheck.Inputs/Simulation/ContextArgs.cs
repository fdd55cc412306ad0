using System;
using System.Collections.Generic;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>
/// Parses --context arguments: "key=value", repeated for a multivalued key, with an optional type
/// ("aws:SourceIp:ip=10.0.0.1", "n:numeric=3", "aws:SecureTransport:boolean=true", "t:date=2026-01-01T00:00:00Z").
/// </summary>
public static class ContextArgs
{
    public static bool TryParse(IEnumerable<string> args, out RequestContext context, out string? error)
    {
        context = new RequestContext();
        error = null;
        var values = new Dictionary<string, (List<string> Values, ContextType Type)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var arg in args)
        {
            int eq = arg.IndexOf('=');
            if (eq <= 0)
            {
                error = $"--context \"{arg}\": expected key=value (e.g. aws:SourceIp:ip=203.0.113.7)";
                return false;
            }
            string key = arg.Substring(0, eq).Trim();
            string value = arg.Substring(eq + 1);
            var type = ContextType.String;
            int colon = key.LastIndexOf(':');
            if (colon > 0 && RequestContext.TryParseType(key.Substring(colon + 1), out var t))
            {
                type = t;
                key = key.Substring(0, colon);
            }
            string? why = RequestContext.CheckType(value, type);
            if (why != null)
            {
                error = $"--context \"{arg}\": {why}";
                return false;
            }
            if (values.TryGetValue(key, out var existing))
            {
                if (existing.Type != type)
                {
                    error = $"--context \"{arg}\": {key} was given before with another type";
                    return false;
                }
                existing.Values.Add(value);
            }
            else
            {
                values[key] = (new List<string> { value }, type);
                order.Add(key);
            }
        }
        foreach (var key in order)
        {
            var (list, type) = values[key];
            context.Set(key, new ContextValue(list.ToArray(), type));
        }
        return true;
    }

    /// <summary>Keys AWS derives from the principal, added when the caller did not give them.</summary>
    public static void AddPrincipalKeys(RequestContext context, CallerPrincipal? principal) => AddPrincipalKeys(context, PrincipalKeys(principal));

    /// <summary>The keys of <see cref="PrincipalKeys"/> the context does not have yet.</summary>
    public static void AddPrincipalKeys(RequestContext context, KeyValuePair<string, ContextValue>[] keys)
    {
        foreach (var key in keys) if (!context.Has(key.Key)) context.Set(key.Key, key.Value);
    }

    /// <summary>The keys AWS derives from the principal: its ARN, account and type (none for an anonymous, service or federated caller).</summary>
    public static KeyValuePair<string, ContextValue>[] PrincipalKeys(CallerPrincipal? principal)
    {
        if (principal == null || principal.Kind == PrincipalKind.Anonymous) return Array.Empty<KeyValuePair<string, ContextValue>>();
        if (principal.Kind == PrincipalKind.Service || principal.Kind == PrincipalKind.Federated) return Array.Empty<KeyValuePair<string, ContextValue>>();
        var keys = new List<KeyValuePair<string, ContextValue>> { new("aws:PrincipalArn", new ContextValue(new[] { principal.PrincipalArn }, ContextType.Arn)) };
        if (principal.Account != null) keys.Add(new("aws:PrincipalAccount", new ContextValue(new[] { principal.Account })));
        string? type = principal.Kind switch
        {
            PrincipalKind.AssumedRole => "AssumedRole",
            PrincipalKind.User => "User",
            PrincipalKind.Account => "Account",
            _ => null,
        };
        if (type != null) keys.Add(new("aws:PrincipalType", new ContextValue(new[] { type })));
        return keys.ToArray();
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Facts;

namespace PolicyCheck.Diff;

/// <summary>
/// Every action AWS knows (the catalogue plus the Claude Platform facts), and the concrete actions a pattern such as
/// "s3:Get*" stands for, expanded once per distinct pattern.
/// </summary>
public sealed class ActionUniverse
{
    private readonly Dictionary<string, List<string>> _byPrefix = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _expanded = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

    public ActionUniverse(ServiceFacts facts, AwsCatalog? catalog)
    {
        if (catalog != null)
        {
            foreach (var service in catalog.Services)
            {
                var list = Prefix(service.Prefix);
                foreach (var a in service.Actions.Values) list.Add(service.Prefix + ":" + a.Name);
            }
        }
        var own = Prefix(facts.Namespace);
        var known = new HashSet<string>(own, StringComparer.OrdinalIgnoreCase);
        foreach (var a in facts.Actions)
        {
            string q = facts.Qualified(a.Name);
            if (known.Add(q)) own.Add(q);
        }
        var sts = Prefix("sts");
        foreach (var a in new[] { "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext" })
        {
            if (!sts.Exists(x => string.Equals(x, a, StringComparison.OrdinalIgnoreCase))) sts.Add(a);
        }
    }

    /// <summary>How many distinct patterns were expanded (each once).</summary>
    public int Expansions { get; private set; }

    private List<string> Prefix(string prefix)
    {
        if (!_byPrefix.TryGetValue(prefix, out var list)) _byPrefix[prefix] = list = new List<string>();
        return list;
    }

    /// <summary>The concrete actions the pattern matches; a pattern that matches none stands for itself.</summary>
    public IReadOnlyList<string> Expand(string pattern)
    {
        if (_expanded.TryGetValue(pattern, out var done)) return done;
        Expansions++;
        var result = new List<string>();
        int colon = pattern.IndexOf(':');
        string prefix = colon > 0 ? pattern.Substring(0, colon) : pattern;
        if (!Wildcard.HasWildcard(prefix))
        {
            if (_byPrefix.TryGetValue(prefix, out var list)) Add(list, pattern, result);
        }
        else
        {
            foreach (var kv in _byPrefix)
            {
                if (Wildcard.Match(prefix, kv.Key, ignoreCase: true) || colon < 0) Add(kv.Value, pattern, result);
            }
        }
        if (result.Count == 0) result.Add(pattern);
        _expanded[pattern] = result;
        return result;
    }

    /// <summary>Every known action none of the patterns matches (what a NotAction statement grants).</summary>
    public List<string> Except(IReadOnlyList<string> patterns)
    {
        var result = new List<string>();
        foreach (var list in _byPrefix.Values)
        {
            foreach (var a in list)
            {
                bool matched = false;
                foreach (var p in patterns)
                {
                    if (Wildcard.Match(p, a, ignoreCase: true))
                    {
                        matched = true;
                        break;
                    }
                }
                if (!matched) result.Add(a);
            }
        }
        return result;
    }

    private static void Add(List<string> actions, string pattern, List<string> result)
    {
        bool literal = !Wildcard.HasWildcard(pattern);
        foreach (var a in actions)
        {
            if (literal ? string.Equals(a, pattern, StringComparison.OrdinalIgnoreCase) : Wildcard.Match(pattern, a, ignoreCase: true)) result.Add(a);
        }
    }
}

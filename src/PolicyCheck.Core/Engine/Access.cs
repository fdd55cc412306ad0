using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Model;

namespace PolicyCheck.Engine;

/// <summary>The workspace the gateway calls; null parts are not configured and match any value.</summary>
public sealed class WorkspaceTarget
{
    public WorkspaceTarget(string ns, string? region, string? account, string? workspace)
    {
        Namespace = ns;
        Region = region;
        Account = account;
        Workspace = workspace;
    }

    public string Namespace { get; }
    public string? Region { get; }
    public string? Account { get; }
    public string? Workspace { get; }

    public static WorkspaceTarget From(GatewayConfig config, ServiceFacts facts)
        => new WorkspaceTarget(facts.Namespace, config.Region?.Value, config.Account?.Value, config.Workspace?.Value);

    public override string ToString() => $"arn:aws:{Namespace}:{Region ?? "*"}:{Account ?? "*"}:workspace/{Workspace ?? "*"}";
}

/// <summary>String-level access questions about statements (no condition evaluation).</summary>
public static class Access
{
    /// <summary>Does the statement's Action/NotAction cover the qualified action?</summary>
    public static bool CoversAction(Statement s, string qualifiedAction)
    {
        if (s.Action != null) return AnyMatch(s.Action.Values, qualifiedAction);
        if (s.NotAction != null) return !AnyMatch(s.NotAction.Values, qualifiedAction);
        return false;
    }

    private static bool AnyMatch(IReadOnlyList<StringValue> patterns, string action)
    {
        foreach (var p in patterns)
        {
            if (Wildcard.Match(p.Value, action, ignoreCase: true)) return true;
        }
        return false;
    }

    /// <summary>Does the statement's Resource/NotResource cover the target (for some value of what is not configured)?</summary>
    public static bool CoversResource(Statement s, WorkspaceTarget target, bool accountScoped = false)
    {
        if (s.Resource != null)
        {
            foreach (var r in s.Resource.Values)
            {
                if (accountScoped ? r.Value == "*" : ResourceCovers(r.Value, target)) return true;
            }
            return false;
        }
        if (s.NotResource != null)
        {
            foreach (var r in s.NotResource.Values)
            {
                if (accountScoped ? r.Value == "*" : ResourceCovers(r.Value, target)) return false;
            }
            return true;
        }
        return false;
    }

    /// <summary>Allow statement granting the action on the target, conditions aside.</summary>
    public static bool Grants(Statement s, string qualifiedAction, WorkspaceTarget target, ActionFact? fact)
        => s.IsAllow && CoversAction(s, qualifiedAction) && CoversResource(s, target, fact != null && fact.Scope == ResourceScope.Account);

    /// <summary>Deny statement without conditions that blocks the action on the target.</summary>
    public static bool Blocks(Statement s, string qualifiedAction, WorkspaceTarget target, ActionFact? fact)
        => s.IsDeny && (s.Condition == null || s.Condition.IsEmpty) && CoversAction(s, qualifiedAction)
           && (s.Resources == null || CoversResourceForDeny(s, target, fact));

    private static bool CoversResourceForDeny(Statement s, WorkspaceTarget target, ActionFact? fact)
    {
        if (fact != null && fact.Scope == ResourceScope.Account)
        {
            if (s.Resource != null)
            {
                foreach (var r in s.Resource.Values) if (r.Value == "*") return true;
                return false;
            }
        }
        return CoversResource(s, target);
    }

    /// <summary>True when an ARN pattern in a policy covers the workspace target.</summary>
    public static bool ResourceCovers(string pattern, WorkspaceTarget target)
    {
        pattern = ReplaceVariables(pattern);
        if (pattern == "*") return true;
        var parts = pattern.Split(Arn.Colon, 6);
        if (parts.Length == 6 && parts[0] == "arn")
        {
            return Segment(parts[1], null)
                && Segment(parts[2], target.Namespace)
                && Segment(parts[3], target.Region)
                && Segment(parts[4], target.Account)
                && ResourceSegment(parts[5], target.Workspace);
        }
        // A short pattern whose '*' spans segments, e.g. "arn:aws:aws-external-anthropic:*".
        string sample = $"arn:aws:{target.Namespace}:{target.Region ?? "us-west-2"}:{target.Account ?? "123456789012"}:workspace/{target.Workspace ?? "wrkspc_0"}";
        return Wildcard.Match(pattern, sample, ignoreCase: false);
    }

    private static bool Segment(string pattern, string? value)
        => value == null || Wildcard.Match(pattern, value, ignoreCase: false);

    private static bool ResourceSegment(string pattern, string? workspace)
    {
        if (workspace != null) return Wildcard.Match(pattern, "workspace/" + workspace, ignoreCase: false);
        return Wildcard.Match(pattern, "workspace/wrkspc_0", ignoreCase: false)
            || pattern.StartsWith("workspace/", StringComparison.Ordinal)
            || Wildcard.Match(pattern, "workspace/", ignoreCase: false);
    }

    /// <summary>Policy variables (${aws:username}) may take any value: treat them as '*'.</summary>
    public static string ReplaceVariables(string s)
    {
        int i = s.IndexOf("${", StringComparison.Ordinal);
        if (i < 0) return s;
        var sb = new System.Text.StringBuilder();
        int pos = 0;
        while (i >= 0)
        {
            int end = s.IndexOf('}', i);
            if (end < 0) break;
            sb.Append(s, pos, i - pos).Append('*');
            pos = end + 1;
            i = s.IndexOf("${", pos, StringComparison.Ordinal);
        }
        sb.Append(s, pos, s.Length - pos);
        return sb.ToString();
    }

    /// <summary>The Claude Platform actions a pattern such as "aws-external-anthropic:Get*" matches.</summary>
    public static IReadOnlyList<ActionFact> Expand(ServiceFacts facts, string pattern) => Expansion(facts, pattern).Actions;

    /// <summary>The positions in <see cref="ServiceFacts.Actions"/> of the actions the pattern names.</summary>
    public static int[] ExpandPositions(ServiceFacts facts, string pattern) => Expansion(facts, pattern).Positions;

    private sealed class Expanded
    {
        public Expanded(List<ActionFact> actions, int[] positions)
        {
            Actions = actions;
            Positions = positions;
        }

        public IReadOnlyList<ActionFact> Actions { get; }
        public int[] Positions { get; }
    }

    private static Expanded Expansion(ServiceFacts facts, string pattern)
    {
        var known = ExpandedPatterns.GetValue(facts, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, Expanded>(StringComparer.Ordinal));
        if (known.TryGetValue(pattern, out var cached)) return cached;
        var list = new List<ActionFact>();
        var positions = new List<int>();
        for (int i = 0; i < facts.Actions.Count; i++)
        {
            if (!Wildcard.Match(pattern, facts.Qualified(i), ignoreCase: true)) continue;
            list.Add(facts.Actions[i]);
            positions.Add(i);
        }
        var made = new Expanded(list, positions.ToArray());
        if (known.Count < MaxExpanded) known.TryAdd(pattern, made);
        return made;
    }

    /// <summary>Each pattern is matched against the service's actions once per run (most policies repeat a few patterns); at most this many kept.</summary>
    private const int MaxExpanded = 4096;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ServiceFacts, System.Collections.Concurrent.ConcurrentDictionary<string, Expanded>> ExpandedPatterns =
        new System.Runtime.CompilerServices.ConditionalWeakTable<ServiceFacts, System.Collections.Concurrent.ConcurrentDictionary<string, Expanded>>();

    /// <summary>The actions the configured features need.</summary>
    public static List<string> RequiredActions(GatewayConfig config, ServiceFacts facts)
    {
        var list = new List<string>();
        foreach (var name in config.EffectiveFeatures(facts))
        {
            var f = facts.FindFeature(name);
            if (f == null) continue;
            foreach (var a in f.Actions) if (!list.Contains(a)) list.Add(a);
        }
        return list;
    }

    /// <summary>The actions that fit the configured features (required plus optional ones).</summary>
    public static HashSet<string> FeatureActions(GatewayConfig config, ServiceFacts facts)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in config.EffectiveFeatures(facts))
        {
            var f = facts.FindFeature(name);
            if (f == null) continue;
            foreach (var a in f.Actions) set.Add(a);
            foreach (var a in f.OptionalActions) set.Add(a);
        }
        return set;
    }
}

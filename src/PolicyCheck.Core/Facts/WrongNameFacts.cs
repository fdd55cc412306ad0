using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

public sealed class WrongNameFacts
{
    public WrongNameFacts(IReadOnlyList<string> namespaces, IReadOnlyList<ActionRename> actions, IReadOnlyList<string> signingNames, IReadOnlyList<string> hosts)
    {
        Namespaces = namespaces;
        Actions = actions;
        SigningNames = signingNames;
        Hosts = hosts;
    }

    /// <summary>Namespaces people use by mistake for Claude Platform actions (bedrock, anthropic, ...).</summary>
    public IReadOnlyList<string> Namespaces { get; }
    public IReadOnlyList<ActionRename> Actions { get; }
    public IReadOnlyList<string> SigningNames { get; }
    /// <summary>Other services' hosts as templates ("bedrock-runtime.{region}.amazonaws.com").</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>True for a namespace used by mistake (case-insensitive): "bedrock" in "bedrock:InvokeModel".</summary>
    public bool IsWrongNamespace(string prefix) => In(prefix, Namespaces);

    /// <summary>True for a service name requests are signed with by mistake; "sts" is right for the AssumeRole call itself.</summary>
    public bool IsWrongSigningName(string name) => !string.Equals(name, "sts", StringComparison.OrdinalIgnoreCase) && In(name, SigningNames);

    /// <summary>The known rename of a wrong action ("bedrock:InvokeModel" → CreateInference), or null.</summary>
    public ActionRename? FindRename(string wrongAction)
    {
        foreach (var r in Actions) if (string.Equals(r.Wrong, wrongAction, StringComparison.OrdinalIgnoreCase)) return r;
        return null;
    }

    /// <summary>A value's first use of another service's host: where it starts, the fixed text before "{region}" and whether it is regional.</summary>
    public bool FindHost(string value, string ownPrefix, out int index, out string hostPrefix, out bool regional)
    {
        foreach (var template in Hosts)
        {
            int brace = template.IndexOf("{region}", StringComparison.Ordinal);
            string head = brace >= 0 ? template.Substring(0, brace) : template;
            if (string.Equals(head, ownPrefix, StringComparison.Ordinal)) continue; // our own service on the wrong domain: a rule of its own
            int at = value.IndexOf(head, StringComparison.Ordinal);
            if (at < 0) continue;
            index = at;
            hostPrefix = head;
            regional = brace >= 0;
            return true;
        }
        index = -1;
        hostPrefix = string.Empty;
        regional = false;
        return false;
    }

    private static bool In(string value, IReadOnlyList<string> names)
    {
        foreach (var n in names) if (string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

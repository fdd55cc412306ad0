using System;
using System.Collections.Generic;

namespace PolicyCheck.Engine;

/// <summary>
/// A suppression written where the policy lives (a template resource's Metadata, a Terraform tag): the rule's findings
/// in that file whose label starts with the resource's name are suppressed, with the justification.
/// </summary>
public sealed class InlineSuppression
{
    public InlineSuppression(string path, string resource, string rule, string justification)
    {
        Path = path;
        Resource = resource;
        Rule = rule;
        Justification = justification;
    }

    public string Path { get; }
    public string Resource { get; }
    public string Rule { get; }
    public string Justification { get; }

    public bool Covers(Diagnostic d)
        => string.Equals(d.RuleId, Rule, StringComparison.OrdinalIgnoreCase)
           && string.Equals(d.Path, Path, StringComparison.Ordinal)
           && d.Label != null
           && d.Label.StartsWith(Resource, StringComparison.Ordinal)
           && (d.Label.Length == Resource.Length || d.Label[Resource.Length] == ' ');

    /// <summary>Marks the findings the suppressions cover (a suppression from policycheck.yml already set is kept).</summary>
    public static void Apply(IEnumerable<Diagnostic> found, IReadOnlyList<InlineSuppression> suppressions)
    {
        if (suppressions.Count == 0) return;
        foreach (var d in found)
        {
            if (d.IsSuppressed) continue;
            foreach (var s in suppressions)
            {
                if (!s.Covers(d)) continue;
                d.SuppressedBecause = s.Justification;
                break;
            }
        }
    }
}

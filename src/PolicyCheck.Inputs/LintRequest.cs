using System;
using System.Collections.Generic;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs;

public sealed class LintRequest
{
    public List<string> Paths { get; } = new List<string>();
    public string? ConfigPath { get; set; }
    /// <summary>Without <see cref="ConfigPath"/>: look for policycheck.yml beside the first path and above (diff reads BASE with HEAD's).</summary>
    public bool SearchConfig { get; set; } = true;
    /// <summary>A Portkey integration settings file (--settings), applied as the gateway section.</summary>
    public string? SettingsPath { get; set; }
    public DocumentKind? Kind { get; set; }
    /// <summary>Values for template parameters and pseudo parameters (--parameters FILE).</summary>
    public string? ParametersPath { get; set; }
    /// <summary>File contents to lint instead of what is on disk (lint --fix --dry-run lints the fixed text).</summary>
    public Dictionary<string, byte[]> Overrides { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
    /// <summary>lint --context KEY=VALUE arguments: values for keys unknown offline (like gateway.context).</summary>
    public List<string> Context { get; } = new List<string>();
    /// <summary>lint --hook: the paths are a commit's changed files, each read with its folder's policies.</summary>
    public bool Hook { get; set; }
}

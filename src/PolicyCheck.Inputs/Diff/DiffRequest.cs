using System;
using System.Collections.Generic;

namespace PolicyCheck.Inputs.Diff;

public sealed class DiffRequest
{
    public List<string> BasePaths { get; } = new List<string>();
    public List<string> HeadPaths { get; } = new List<string>();
    /// <summary>--git REF: BASE is HEAD's paths as they are at this git ref.</summary>
    public string? GitRef { get; set; }
    /// <summary>The git command (tests point it at one that does not exist).</summary>
    public string Git { get; set; } = "git";
    public string? ConfigPath { get; set; }
    public string? SettingsPath { get; set; }
    public string? ParametersPath { get; set; }
    public List<string> Context { get; } = new List<string>();
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
}

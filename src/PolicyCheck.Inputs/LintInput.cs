using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Engine;

namespace PolicyCheck.Inputs;

/// <summary>What one run's paths read into: the config and the roles, with the problems met on the way.</summary>
public sealed class LintInput
{
    public LintInput(LintReport report)
    {
        Report = report;
    }

    public LintReport Report { get; }
    /// <summary>Null when the config, settings, context or parameters stopped the run (the problems say why).</summary>
    public GatewayConfig? Config { get; internal set; }
    public List<RoleGroup> Roles { get; internal set; } = new List<RoleGroup>();
    public DeployTimeValues Unknowns { get; internal set; } = new DeployTimeValues();
    /// <summary>The folder of policycheck.yml (suppression paths are relative to it), else the current folder.</summary>
    public string ConfigDir { get; internal set; } = ".";
}

using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs;

/// <summary>
/// The Portkey integration settings (YAML or JSON): authType, roleArn, externalId or externalIdEnv, region,
/// workspaceId, deployment. Validated strictly with positions, and applied as the gateway section, so the rules
/// cross-check them with the policies (PC3008 external ID, PC2005 account and region of the workspace ARN).
/// </summary>
public static class SettingsLoader
{
    /// <summary>Applies settings text; the parsing shares ConfigReader's strict machinery (unknown keys, positions).</summary>
    public static void Apply(string path, string text, GatewayConfig config, ServiceFacts facts, Func<string, string?> env, List<Problem> errors)
        => ConfigReader.ApplySettings(path, text, config, facts, BuiltIn.Catalog, env, errors);

    public static void Load(string path, GatewayConfig config, ServiceFacts facts, Func<string, string?> env, List<Problem> errors)
    {
        var bytes = PolicyFiles.ReadBytes(path, errors);
        if (bytes == null) return;
        var issues = new List<Problem>();
        string? text = PolicyCheck.Json.SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            foreach (var i in issues) errors.Add(Problem.Config(path, i.Span, i.Message));
            return;
        }
        Apply(path, text, config, facts, env, errors);
    }
}

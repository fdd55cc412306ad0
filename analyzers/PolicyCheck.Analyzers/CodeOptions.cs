using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyCheck.Config;
using PolicyCheck.Facts;
using PolicyCheck.Json;

namespace PolicyCheck.Analyzers;

/// <summary>
/// What the analyzers know about the project: .editorconfig options (policycheck.expected_region,
/// policycheck.expected_principal) and the gateway section of a policycheck.yml given as an AdditionalFile.
/// </summary>
internal sealed class CodeOptions
{
    public const string RegionKey = "policycheck.expected_region";
    public const string PrincipalKey = "policycheck.expected_principal";

    private CodeOptions(GatewayConfig config, string? configPath)
    {
        Config = config;
        ConfigPath = configPath;
    }

    public GatewayConfig Config { get; }
    /// <summary>The policycheck.yml read, if any: suppression globs are relative to its folder, as in the CLI.</summary>
    public string? ConfigPath { get; }

    /// <summary>A finding's path as suppression globs are written: relative to policycheck.yml's folder.</summary>
    public string SuppressionPath(string path)
    {
        string? dir = ConfigPath != null ? Path.GetDirectoryName(ConfigPath) : null;
        if (string.IsNullOrEmpty(dir)) return path.Replace('\\', '/');
        string prefix = dir!.TrimEnd('/', '\\') + "/";
        string p = path.Replace('\\', '/');
        prefix = prefix.Replace('\\', '/');
        return p.StartsWith(prefix, StringComparison.Ordinal) ? p.Substring(prefix.Length) : p;
    }

    public static ServiceFacts Facts => BuiltIn.Service;

    public static CodeOptions Read(AnalyzerOptions options, System.Threading.CancellationToken cancel)
    {
        var config = new GatewayConfig();
        string? configPath = null;
        foreach (var file in options.AdditionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), "policycheck.yml", StringComparison.OrdinalIgnoreCase)) continue;
            var text = file.GetText(cancel);
            // The CLI's own reader: the IDE and CI read the same config. Errors are PC4001 in `policycheck lint`; here what
            // could be read is used. Environment variables are not read by analyzers.
            if (text == null) continue;
            config = ConfigReader.Load(file.Path, text.ToString(), Facts, BuiltIn.Catalog, _ => null, new List<Problem>());
            configPath = file.Path;
        }
        return new CodeOptions(config, configPath);
    }

    /// <summary>The region the project expects: .editorconfig first, then policycheck.yml.</summary>
    public string? ExpectedRegion(AnalyzerOptions options, SyntaxTree tree)
    {
        var o = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (o.TryGetValue(RegionKey, out var v) && v.Trim().Length > 0) return v.Trim();
        return Config.Region?.Value;
    }

    /// <summary>The principals the trust policy should name: .editorconfig, policycheck.yml, else hosted Portkey.</summary>
    public IReadOnlyList<string> ExpectedPrincipals(AnalyzerOptions options, SyntaxTree tree)
    {
        var o = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (o.TryGetValue(PrincipalKey, out var v) && v.Trim().Length > 0) return new[] { v.Trim() };
        var list = Config.ExpectedPrincipals(Facts);
        return list.Count > 0 ? list : new[] { Facts.Portkey.HostedPrincipal };
    }
}

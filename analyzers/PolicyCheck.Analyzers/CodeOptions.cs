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

    private CodeOptions(GatewayConfig config)
    {
        Config = config;
    }

    public GatewayConfig Config { get; }

    public static ServiceFacts Facts => BuiltIn.Service;

    public static CodeOptions Read(AnalyzerOptions options, System.Threading.CancellationToken cancel)
    {
        var config = new GatewayConfig();
        foreach (var file in options.AdditionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), "policycheck.yml", StringComparison.OrdinalIgnoreCase)) continue;
            var text = file.GetText(cancel);
            if (text != null) MiniYaml.ReadGateway(text.ToString(), config);
        }
        return new CodeOptions(config);
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

/// <summary>Reads the gateway section of policycheck.yml (a small YAML subset: nested mappings, scalars, [a, b] and "- item" lists).</summary>
internal static class MiniYaml
{
    public static void ReadGateway(string text, GatewayConfig config)
    {
        bool inGateway = false;
        string? listKey = null;
        foreach (var raw in text.Split('\n'))
        {
            string line = StripComment(raw.TrimEnd('\r'));
            if (line.Trim().Length == 0) continue;
            int indent = line.Length - line.TrimStart().Length;
            string t = line.Trim();
            if (indent == 0)
            {
                inGateway = t == "gateway:";
                listKey = null;
                continue;
            }
            if (!inGateway) continue;
            if (t.StartsWith("- ", StringComparison.Ordinal) && listKey != null)
            {
                Add(config, listKey, Unquote(t.Substring(2).Trim()));
                continue;
            }
            int colon = t.IndexOf(':');
            if (colon <= 0 || indent > 2) continue;
            string key = t.Substring(0, colon).Trim();
            string value = t.Substring(colon + 1).Trim();
            listKey = value.Length == 0 ? key : null;
            if (value.StartsWith("[", StringComparison.Ordinal) && value.EndsWith("]", StringComparison.Ordinal))
            {
                foreach (var item in value.Substring(1, value.Length - 2).Split(','))
                {
                    if (item.Trim().Length > 0) Add(config, key, Unquote(item.Trim()));
                }
                continue;
            }
            if (value.Length == 0) continue;
            value = Unquote(value);
            var located = new Located<string>(value, "policycheck.yml", SourceSpan.FileStart);
            switch (key)
            {
                case "region": config.Region = located; break;
                case "account": config.Account = located; break;
                case "workspace": config.Workspace = located; break;
                case "deployment": config.Deployment = value == "self-hosted" ? Deployment.SelfHosted : Deployment.Hosted; break;
            }
        }
    }

    private static void Add(GatewayConfig config, string key, string value)
    {
        var located = new Located<string>(value, "policycheck.yml", SourceSpan.FileStart);
        if (key == "principals") config.Principals.Add(located);
        else if (key == "features") config.Features.Add(located);
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf(" #", StringComparison.Ordinal);
        if (line.TrimStart().StartsWith("#", StringComparison.Ordinal)) return string.Empty;
        return hash >= 0 ? line.Substring(0, hash) : line;
    }

    private static string Unquote(string s)
        => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[s.Length - 1] == s[0] ? s.Substring(1, s.Length - 2) : s;
}

using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>
/// A CDK cloud assembly (cdk.out): manifest.json names each stack's template, its environment and, per construct,
/// the logical ID. Used for construct paths when a template has no aws:cdk:path metadata, and for the account and region.
/// </summary>
public sealed class CdkAssembly : ITemplateContext
{
    private readonly Dictionary<string, Dictionary<string, string>> _paths = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Account, string? Region)> _environments = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);

    /// <summary>The assembly whose manifest sits beside the template, or null.</summary>
    public static CdkAssembly? Beside(string templatePath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(templatePath)) ?? ".";
        string manifest = Path.Combine(dir, "manifest.json");
        if (!File.Exists(manifest)) return null;
        try
        {
            var info = new FileInfo(manifest);
            if (info.Length > PolicyFiles.MaxFileBytes) return null;
            string text = File.ReadAllText(manifest);
            return Parse(text);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static CdkAssembly? Parse(string text)
    {
        var root = JsonParser.Parse(text, new LineMap(text), new List<Problem>()) as SourceObject;
        if (root?.Get("artifacts")?.Value is not SourceObject artifacts) return null;
        var assembly = new CdkAssembly();
        foreach (var a in artifacts.Properties)
        {
            if (a.Value is not SourceObject artifact || (artifact.Get("type")?.Value as SourceScalar)?.Text != "aws:cloudformation:stack") continue;
            if (artifact.Get("properties")?.Value is not SourceObject props || props.Get("templateFile")?.Value is not SourceScalar file) continue;
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            if (artifact.Get("metadata")?.Value is SourceObject metadata)
            {
                foreach (var m in metadata.Properties)
                {
                    if (m.Value is not SourceArray entries) continue;
                    foreach (var e in entries.Items)
                    {
                        if (e is SourceObject entry && (entry.Get("type")?.Value as SourceScalar)?.Text == "aws:cdk:logicalId" && entry.Get("data")?.Value is SourceScalar id)
                        {
                            paths[id.Text] = m.Name.TrimStart('/');
                        }
                    }
                }
            }
            assembly._paths[file.Text] = paths;
            if ((artifact.Get("environment")?.Value as SourceScalar)?.Text is { } env && env.StartsWith("aws://", StringComparison.Ordinal))
            {
                var parts = env.Substring("aws://".Length).Split('/');
                string? account = parts.Length > 0 && PolicyCheck.Engine.Arn.IsAccountId(parts[0]) ? parts[0] : null;
                string? region = parts.Length > 1 && !parts[1].StartsWith("unknown", StringComparison.Ordinal) ? parts[1] : null;
                assembly._environments[file.Text] = (account, region);
            }
        }
        return assembly;
    }

    /// <summary>
    /// The stack templates a manifest.json names, nested assemblies (CDK stages) included; null when the file is not a
    /// cloud assembly manifest.
    /// </summary>
    public static List<string>? Templates(string manifestPath, int depth = 0)
    {
        string text;
        try
        {
            if (new FileInfo(manifestPath).Length > PolicyFiles.MaxFileBytes) return null;
            text = File.ReadAllText(manifestPath);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return null;
        }
        var root = JsonParser.Parse(text, new LineMap(text), new List<Problem>()) as SourceObject;
        if (root?.Get("artifacts")?.Value is not SourceObject artifacts || root.Get("version") == null) return null;
        string dir = Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? ".";
        var templates = new List<string>();
        foreach (var a in artifacts.Properties)
        {
            if (a.Value is not SourceObject artifact || artifact.Get("properties")?.Value is not SourceObject props) continue;
            string type = (artifact.Get("type")?.Value as SourceScalar)?.Text ?? string.Empty;
            if (type == "aws:cloudformation:stack" && props.Get("templateFile")?.Value is SourceScalar file)
            {
                templates.Add(Path.Combine(dir, file.Text));
            }
            else if (type == "cdk:cloud-assembly" && depth < 8 && props.Get("directoryName")?.Value is SourceScalar nested)
            {
                var inner = Templates(Path.Combine(dir, nested.Text, "manifest.json"), depth + 1);
                if (inner != null) templates.AddRange(inner);
            }
        }
        return templates;
    }

    /// <summary>The construct path of a logical ID in the named template, from the manifest's metadata.</summary>
    public string? ConstructPath(string templateFile, string logicalId)
        => _paths.TryGetValue(templateFile, out var map) && map.TryGetValue(logicalId, out var path) ? path : null;

    public (string? Account, string? Region) Environment(string templateFile)
        => _environments.TryGetValue(templateFile, out var env) ? env : (null, null);

}

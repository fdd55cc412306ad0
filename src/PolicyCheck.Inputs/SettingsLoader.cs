using System;
using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs.Yaml;
using PolicyCheck.Rules;
using YamlDotNet.RepresentationModel;

namespace PolicyCheck.Inputs;

/// <summary>
/// The Portkey integration settings (YAML or JSON): authType, roleArn, externalId or externalIdEnv, region,
/// workspaceId, deployment. Validated strictly with positions, and applied as the gateway section, so the rules
/// cross-check them with the policies (PC3008 external ID, PC2005 account and region of the workspace ARN).
/// </summary>
public static class SettingsLoader
{
    private static readonly string[] Known = { "authType", "roleArn", "externalId", "externalIdEnv", "region", "workspaceId", "deployment" };

    public static void Apply(string path, string text, GatewayConfig config, ServiceFacts facts, Func<string, string?> env, List<ConfigError> errors)
    {
        void Error(YamlNode node, string message) => errors.Add(new ConfigError(path, YamlDoc.Span(node), message));
        var problems = new List<YamlProblem>();
        var root = YamlDoc.Load(text, problems);
        foreach (var p in problems) errors.Add(new ConfigError(path, p.Span, p.Message));
        if (root == null) return;
        if (root is not YamlMappingNode map)
        {
            Error(root, "the Portkey settings must be a mapping (authType, roleArn, externalId, region, workspaceId, deployment)");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in map.Children)
        {
            if (pair.Key is not YamlScalarNode k || k.Value == null) { Error(pair.Key, "keys must be plain names"); continue; }
            if (Array.IndexOf(Known, k.Value) < 0)
            {
                string? near = Names.Nearest(k.Value, Known);
                Error(k, $"unknown key '{k.Value}' in the Portkey settings{(near != null ? $"; did you mean '{near}'?" : $"; known keys: {string.Join(", ", Known)}")}");
                continue;
            }
            if (!seen.Add(k.Value)) { Error(k, $"'{k.Value}' is given twice"); continue; }
            if (pair.Value is not YamlScalarNode v || string.IsNullOrEmpty(v.Value)) { Error(pair.Value, $"{k.Value} must be a single value"); continue; }
            string value = v.Value!;
            var at = new Located<string>(value, path, YamlDoc.Span(v));
            switch (k.Value)
            {
                case "authType":
                    string t = value.Replace(" ", string.Empty).Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
                    if (t != "assumedrole" && t != "awsassumedrole" && t != "assumerole") Error(v, $"authType '{value}': Claude Platform on AWS in Portkey uses the AWS Assumed Role auth type (assumedRole)");
                    break;
                case "roleArn":
                    var arn = Arn.TryParse(value);
                    if (arn == null || arn.Service != "iam" || !arn.Resource.StartsWith("role/", StringComparison.Ordinal) || !Arn.IsAccountId(arn.Account))
                    {
                        Error(v, $"'{value}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
                        break;
                    }
                    Set(config.RoleArn, at, "roleArn", v, Error);
                    config.RoleArn = at;
                    if (config.Account != null && config.Account.Value != arn.Account)
                        Error(v, $"the role is in account {arn.Account}, but policycheck.yml says the workspace is in {config.Account.Value}; Claude Platform workspaces are called with a role of the same account");
                    config.Account ??= new Located<string>(arn.Account, path, YamlDoc.Span(v));
                    break;
                case "externalId":
                    if (seen.Contains("externalIdEnv")) { Error(v, "give externalId or externalIdEnv, not both"); break; }
                    Set(config.ExternalIdValue, at, "externalId", v, Error);
                    config.ExternalIdValue = at;
                    config.ExternalIdSource = "the Portkey settings";
                    config.ExternalIdRequired = true;
                    break;
                case "externalIdEnv":
                    if (seen.Contains("externalId")) { Error(v, "give externalId or externalIdEnv, not both"); break; }
                    string? fromEnv = env(value);
                    if (string.IsNullOrEmpty(fromEnv)) { Error(v, $"the environment variable {value} (externalIdEnv) is not set"); break; }
                    config.ExternalIdValue = new Located<string>(fromEnv!, path, YamlDoc.Span(v));
                    config.ExternalIdSource = "environment variable " + value;
                    config.ExternalIdRequired = true;
                    break;
                case "region":
                    if (!facts.Regions.Contains(value)) { Error(v, $"'{value}' is not an AWS commercial region"); break; }
                    Set(config.Region, at, "region", v, Error);
                    config.Region = at;
                    break;
                case "workspaceId":
                    if (!Regex.IsMatch(value, facts.WorkspaceIdPattern)) { Error(v, $"'{value}' is not a workspace ID (wrkspc_ followed by letters and digits)"); break; }
                    Set(config.Workspace, at, "workspaceId", v, Error);
                    config.Workspace = at;
                    break;
                case "deployment":
                    if (value == "hosted") config.Deployment = Deployment.Hosted;
                    else if (value == "self-hosted") config.Deployment = Deployment.SelfHosted;
                    else Error(v, $"deployment '{value}': hosted or self-hosted");
                    break;
            }
        }
        if (!seen.Contains("roleArn")) Error(map, "the Portkey settings need roleArn");
        if (!seen.Contains("region")) Error(map, "the Portkey settings need region");
    }

    /// <summary>A value given in both policycheck.yml and the settings must agree.</summary>
    private static void Set(Located<string>? existing, Located<string> value, string key, YamlNode node, Action<YamlNode, string> error)
    {
        if (existing != null && existing.Value != value.Value)
            error(node, $"{key} '{value.Value}' differs from policycheck.yml ('{existing.Value}')");
    }

    public static void Load(string path, GatewayConfig config, ServiceFacts facts, Func<string, string?> env, List<ConfigError> errors, List<InputError> inputErrors)
    {
        var bytes = PolicyFiles.ReadBytes(path, inputErrors);
        if (bytes == null) return;
        var issues = new List<PolicyCheck.Json.JsonIssue>();
        string? text = PolicyCheck.Json.SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            foreach (var i in issues) errors.Add(new ConfigError(path, i.Span, i.Message));
            return;
        }
        Apply(path, text, config, facts, env, errors);
    }
}

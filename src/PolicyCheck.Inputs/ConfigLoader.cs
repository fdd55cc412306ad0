using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs.Yaml;
using PolicyCheck.Json;
using PolicyCheck.Rules;
using YamlDotNet.RepresentationModel;

namespace PolicyCheck.Inputs;

/// <summary>Reads policycheck.yml strictly: unknown keys and wrong types are errors with positions.</summary>
public sealed class ConfigLoader
{
    public const string FileName = "policycheck.yml";
    public const string RuleId = RuleIds.ConfigInvalid;
    private static readonly string[] TopKeys = { "gateway", "rules", "suppressions" };
    private static readonly string[] ExternalIdKeys = { "required", "value", "env" };
    private static readonly string[] SuppressionKeys = { "rule", "path", "justification", "expires" };

    private static readonly Regex RoleArn = new Regex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)/[\w+=,.@/-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountRoot = new Regex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:root$", RegexOptions.CultureInvariant);

    private readonly string _path;
    private readonly ServiceFacts _facts;
    private readonly RuleCatalog _catalog;
    private readonly Func<string, string?> _env;
    private readonly List<Problem> _errors = new List<Problem>();

    private ConfigLoader(string path, ServiceFacts facts, RuleCatalog catalog, Func<string, string?> env)
    {
        _path = path;
        _facts = facts;
        _catalog = catalog;
        _env = env;
    }

    /// <summary>Finds policycheck.yml in the folder of <paramref name="start"/> or any folder above it.</summary>
    public static string? Find(string start)
    {
        string full = Path.GetFullPath(start);
        var dir = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
        for (; dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static GatewayConfig Load(string path, string text, ServiceFacts facts, RuleCatalog catalog, Func<string, string?> env, List<Problem> errors)
    {
        var loader = new ConfigLoader(path, facts, catalog, env);
        var config = loader.Parse(text);
        errors.AddRange(loader._errors);
        return config;
    }

    /// <summary>The Portkey integration settings (see SettingsLoader): validated with positions and applied to <paramref name="config"/>.</summary>
    public static void ApplySettings(string path, string text, GatewayConfig config, ServiceFacts facts, RuleCatalog catalog, Func<string, string?> env, List<Problem> errors)
    {
        var loader = new ConfigLoader(path, facts, catalog, env);
        loader.ParseSettings(text, config);
        errors.AddRange(loader._errors);
    }

    private static readonly string[] SettingsKeys = { "authType", "roleArn", "externalId", "externalIdEnv", "region", "workspaceId", "deployment" };

    private void ParseSettings(string text, GatewayConfig config)
    {
        var problems = new List<YamlProblem>();
        var root = YamlDoc.Load(text, problems);
        foreach (var p in problems) _errors.Add(Problem.Config(_path, p.Span, p.Message));
        if (root == null) return;
        if (root is not YamlMappingNode map)
        {
            Error(root, "the Portkey settings must be a mapping (authType, roleArn, externalId, region, workspaceId, deployment)");
            return;
        }
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, node) in Entries(map, SettingsKeys, "the Portkey settings"))
        {
            given.Add(key);
            var value = Scalar(node, key);
            if (value == null) continue;
            var at = At(value, node);
            switch (key)
            {
                case "authType":
                    string t = value.Replace(" ", string.Empty).Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
                    if (t != "assumedrole" && t != "awsassumedrole" && t != "assumerole") Error(node, $"authType '{value}': Claude Platform on AWS in Portkey uses the AWS Assumed Role auth type (assumedRole)");
                    break;
                case "roleArn":
                    var arn = Arn.TryParse(value);
                    if (arn == null || arn.Service != "iam" || !arn.Resource.StartsWith("role/", StringComparison.Ordinal) || !Arn.IsAccountId(arn.Account))
                    {
                        Error(node, $"'{value}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
                        break;
                    }
                    Agree(config.RoleArn, value, key, node);
                    config.RoleArn = at;
                    if (config.Account != null && config.Account.Value != arn.Account)
                        Error(node, $"the role is in account {arn.Account}, but policycheck.yml says the workspace is in {config.Account.Value}; Claude Platform workspaces are called with a role of the same account");
                    config.Account ??= At(arn.Account, node);
                    break;
                case "externalId":
                case "externalIdEnv":
                    if (given.Contains("externalId") && given.Contains("externalIdEnv")) { Error(node, "give externalId or externalIdEnv, not both"); break; }
                    string? id = key == "externalId" ? value : _env(value);
                    if (string.IsNullOrEmpty(id)) { Error(node, $"the environment variable {value} (externalIdEnv) is not set"); break; }
                    if (key == "externalId") Agree(config.ExternalIdValue, value, key, node);
                    config.ExternalIdValue = At(id!, node);
                    config.ExternalIdSource = key == "externalId" ? "the Portkey settings" : "environment variable " + value;
                    config.ExternalIdRequired = true;
                    break;
                case "region":
                    if (!Contains(_facts.Regions, value)) { Error(node, $"'{value}' is not an AWS commercial region"); break; }
                    Agree(config.Region, value, key, node);
                    config.Region = at;
                    break;
                case "workspaceId":
                    if (!Regex.IsMatch(value, _facts.WorkspaceIdPattern)) { Error(node, $"'{value}' is not a workspace ID (wrkspc_ followed by letters and digits)"); break; }
                    Agree(config.Workspace, value, key, node);
                    config.Workspace = at;
                    break;
                case "deployment":
                    if (value == "hosted") config.Deployment = Deployment.Hosted;
                    else if (value == "self-hosted") config.Deployment = Deployment.SelfHosted;
                    else Error(node, $"deployment '{value}': hosted or self-hosted");
                    break;
            }
        }
        if (!given.Contains("roleArn")) Error(map, "the Portkey settings need roleArn");
        if (!given.Contains("region")) Error(map, "the Portkey settings need region");
    }

    /// <summary>A value given in both policycheck.yml and the settings must agree.</summary>
    private void Agree(Located<string>? existing, string value, string key, YamlNode node)
    {
        if (existing != null && existing.Value != value) Error(node, $"{key} '{value}' differs from policycheck.yml ('{existing.Value}')");
    }

    private void Error(YamlNode node, string message) => _errors.Add(Problem.Config(_path, YamlDoc.Span(node), message));

    private GatewayConfig Parse(string text)
    {
        var config = new GatewayConfig { Path = _path };
        var problems = new List<YamlProblem>();
        var root = YamlDoc.Load(text, problems);
        foreach (var p in problems) _errors.Add(Problem.Config(_path, p.Span, p.Message));
        if (root == null) return config;
        if (root is YamlScalarNode empty && string.IsNullOrEmpty(empty.Value)) return config;
        if (root is not YamlMappingNode map)
        {
            Error(root, "the configuration must be a mapping with the keys gateway, rules and suppressions");
            return config;
        }
        foreach (var (key, value) in Entries(map, TopKeys, "top level"))
        {
            switch (key)
            {
                case "gateway": ParseGateway(value, config); break;
                case "rules": ParseRules(value, config); break;
                case "suppressions": ParseSuppressions(value, config); break;
            }
        }
        if (config.Deployment == Deployment.SelfHosted && config.Principals.Count == 0)
        {
            _errors.Add(Problem.Config(_path, YamlDoc.Span(map), "a self-hosted deployment needs gateway.principals: the role ARN your gateway runs as"));
        }
        return config;
    }

    /// <summary>Mapping entries with scalar keys; unknown keys are reported with a suggestion.</summary>
    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, string[] known, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in map.Children)
        {
            if (pair.Key is not YamlScalarNode k || k.Value == null)
            {
                Error(pair.Key, $"keys in {where} must be plain names");
                continue;
            }
            if (Array.IndexOf(known, k.Value) < 0)
            {
                string? near = Names.Nearest(k.Value, known);
                Error(k, $"unknown key '{k.Value}' in {where}{(near != null ? $"; did you mean '{near}'?" : $"; known keys: {string.Join(", ", known)}")}");
                continue;
            }
            if (!seen.Add(k.Value))
            {
                Error(k, $"'{k.Value}' is given twice in {where}");
                continue;
            }
            yield return (k.Value, pair.Value);
        }
    }

    private string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && s.Value != null && s.Value.Length > 0) return s.Value;
        Error(node, $"{what} must be a single value, not {YamlDoc.Describe(node)}");
        return null;
    }

    private List<(string Value, YamlNode Node)> List(YamlNode node, string what)
    {
        var list = new List<(string, YamlNode)>();
        if (node is YamlScalarNode)
        {
            var v = Scalar(node, what);
            if (v != null) list.Add((v, node));
            return list;
        }
        if (node is not YamlSequenceNode seq)
        {
            Error(node, $"{what} must be a list");
            return list;
        }
        foreach (var item in seq.Children)
        {
            var v = Scalar(item, "each entry of " + what);
            if (v != null) list.Add((v, item));
        }
        return list;
    }

    private Located<string> At(string value, YamlNode node) => new Located<string>(value, _path, YamlDoc.Span(node));

    private void ParseGateway(YamlNode node, GatewayConfig config)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "gateway must be a mapping");
            return;
        }
        var known = new[] { "deployment", "principals", "features", "region", "account", "workspace", "externalId", "managedPolicies", "roleArn", "settings", "context" };
        YamlNode? contextNode = null;
        foreach (var (key, value) in Entries(map, known, "gateway"))
        {
            switch (key)
            {
                case "deployment":
                    var d = Scalar(value, "gateway.deployment");
                    if (d == "hosted") config.Deployment = Deployment.Hosted;
                    else if (d == "self-hosted") config.Deployment = Deployment.SelfHosted;
                    else if (d != null) Error(value, $"gateway.deployment must be 'hosted' or 'self-hosted', not '{d}'");
                    break;
                case "principals":
                    foreach (var (v, n) in List(value, "gateway.principals"))
                    {
                        if (RoleArn.IsMatch(v)) config.Principals.Add(At(v, n));
                        else if (AccountRoot.IsMatch(v) || Arn.IsAccountId(v)) Error(n, $"'{v}' is a whole account; name the gateway's role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
                        else Error(n, $"'{v}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
                    }
                    break;
                case "features":
                    foreach (var (v, n) in List(value, "gateway.features"))
                    {
                        if (_facts.FindFeature(v) != null) config.Features.Add(At(v, n));
                        else
                        {
                            var names = new List<string>();
                            foreach (var f in _facts.Features) names.Add(f.Name);
                            string? near = Names.Nearest(v, names);
                            Error(n, $"unknown feature '{v}'{(near != null ? $"; did you mean '{near}'?" : string.Empty)} (features: {string.Join(", ", names)})");
                        }
                    }
                    break;
                case "region":
                    var r = Scalar(value, "gateway.region");
                    if (r == null) break;
                    if (!Arn.IsRegionShape(r)) Error(value, $"'{r}' is not an AWS region name (e.g. us-west-2)");
                    else if (!Contains(_facts.Regions, r)) Error(value, $"'{r}' is not an AWS commercial region known to PolicyCheck");
                    else config.Region = At(r, value);
                    break;
                case "account":
                    var a = Scalar(value, "gateway.account");
                    if (a == null) break;
                    if (!Arn.IsAccountId(a)) Error(value, $"'{a}' is not a 12-digit AWS account ID (quote it in YAML to keep leading zeros)");
                    else config.Account = At(a, value);
                    break;
                case "workspace":
                    var w = Scalar(value, "gateway.workspace");
                    if (w == null) break;
                    if (!Regex.IsMatch(w, _facts.WorkspaceIdPattern)) Error(value, $"'{w}' is not a workspace ID (wrkspc_ followed by letters and digits)");
                    else config.Workspace = At(w, value);
                    break;
                case "externalId":
                    ParseExternalId(value, config);
                    break;
                case "settings":
                    var settings = Scalar(value, "gateway.settings");
                    if (settings == null) break;
                    string full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_path)) ?? ".", settings);
                    if (!File.Exists(full)) Error(value, $"the Portkey settings file '{settings}' does not exist (paths are relative to policycheck.yml)");
                    else config.SettingsPath = At(full, value);
                    break;
                case "roleArn":
                    var role = Scalar(value, "gateway.roleArn");
                    if (role == null) break;
                    var parsed = Arn.TryParse(role);
                    if (parsed == null || parsed.Service != "iam" || !parsed.Resource.StartsWith("role/", StringComparison.Ordinal) || !Arn.IsAccountId(parsed.Account))
                        Error(value, $"'{role}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
                    else config.RoleArn = At(role, value);
                    break;
                case "context":
                    contextNode = value;
                    break;
                case "managedPolicies":
                    foreach (var (v, n) in List(value, "gateway.managedPolicies"))
                    {
                        if (_facts.FindManagedPolicy(v) != null) config.ManagedPolicies.Add(At(v, n));
                        else
                        {
                            var names = new List<string>();
                            foreach (var m in _facts.ManagedPolicies) names.Add(m.Name);
                            Error(n, $"'{v}' is not an AWS managed policy PolicyCheck knows ({string.Join(", ", names)})");
                        }
                    }
                    break;
            }
        }
        // After the loop: the deployment decides which keys the requests carry.
        if (contextNode != null) ParseContext(contextNode, config);
    }

    /// <summary>gateway.context: values for keys the gateway's requests carry but that are unknown offline.</summary>
    private void ParseContext(YamlNode node, GatewayConfig config)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "gateway.context must be a mapping of condition key: value (or a list of values)");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Children)
        {
            if (pair.Key is not YamlScalarNode k || string.IsNullOrEmpty(k.Value))
            {
                Error(pair.Key, "keys in gateway.context must be condition keys such as aws:SourceIp");
                continue;
            }
            if (!seen.Add(k.Value!))
            {
                Error(k, $"'{k.Value}' is given twice in gateway.context");
                continue;
            }
            var values = new List<string>();
            if (pair.Value is YamlSequenceNode seq)
            {
                bool ok = true;
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode sv && sv.Value != null && sv.Value.Length > 0) values.Add(sv.Value);
                    else
                    {
                        Error(item, $"each value of gateway.context {k.Value} must be a single value, not {YamlDoc.Describe(item)}");
                        ok = false;
                    }
                }
                if (!ok) continue;
            }
            else if (pair.Value is YamlScalarNode one && one.Value != null && one.Value.Length > 0)
            {
                values.Add(one.Value);
            }
            else
            {
                Error(pair.Value, $"gateway.context {k.Value} must be a value or a list of values, not {YamlDoc.Describe(pair.Value)}");
                continue;
            }
            string? why = GatewayRequests.CheckSetting(_facts, config.Deployment, k.Value!, values, out var type);
            if (why != null)
            {
                Error(why.StartsWith(k.Value!, StringComparison.Ordinal) || why.StartsWith("give", StringComparison.Ordinal) ? pair.Value : k, "gateway.context: " + why);
                continue;
            }
            config.Context.Add(new ContextSetting(k.Value!, values, type, _path, YamlDoc.Span(k)));
        }
    }

    private void ParseExternalId(YamlNode node, GatewayConfig config)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "gateway.externalId must be a mapping with required and value (or env)");
            return;
        }
        YamlNode? valueNode = null, envNode = null;
        foreach (var (key, value) in Entries(map, ExternalIdKeys, "gateway.externalId"))
        {
            switch (key)
            {
                case "required":
                    var b = Scalar(value, "gateway.externalId.required");
                    if (b == "true") config.ExternalIdRequired = true;
                    else if (b == "false") config.ExternalIdRequired = false;
                    else if (b != null) Error(value, "gateway.externalId.required must be true or false");
                    break;
                case "value":
                    valueNode = value;
                    var v = Scalar(value, "gateway.externalId.value");
                    if (v != null)
                    {
                        config.ExternalIdValue = At(v, value);
                        config.ExternalIdSource = FileName;
                    }
                    break;
                case "env":
                    envNode = value;
                    var name = Scalar(value, "gateway.externalId.env");
                    if (name == null) break;
                    string? fromEnv = _env(name);
                    if (string.IsNullOrEmpty(fromEnv))
                    {
                        Error(value, $"the environment variable {name} named here is not set");
                    }
                    else
                    {
                        config.ExternalIdValue = At(fromEnv!, value);
                        config.ExternalIdSource = "environment variable " + name;
                    }
                    break;
            }
        }
        if (valueNode != null && envNode != null) Error(envNode, "give either gateway.externalId.value or gateway.externalId.env, not both");
    }

    private void ParseRules(YamlNode node, GatewayConfig config)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "rules must be a mapping of rule IDs to severities");
            return;
        }
        foreach (var pair in map.Children)
        {
            var id = pair.Key as YamlScalarNode;
            if (id?.Value == null || _catalog.Find(id.Value) == null)
            {
                Error(pair.Key, $"'{id?.Value}' is not a rule ID (see `policycheck rules`)");
                continue;
            }
            var sev = Scalar(pair.Value, $"the severity of {id.Value}");
            switch (sev)
            {
                case "error": config.RuleSeverities[id.Value] = Severity.Error; break;
                case "warning": config.RuleSeverities[id.Value] = Severity.Warning; break;
                case "note": config.RuleSeverities[id.Value] = Severity.Note; break;
                case "off": config.RuleSeverities[id.Value] = null; break;
                case null: break;
                default: Error(pair.Value, $"'{sev}' is not a severity (error, warning, note or off)"); break;
            }
        }
    }

    private void ParseSuppressions(YamlNode node, GatewayConfig config)
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(node, "suppressions must be a list");
            return;
        }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map)
            {
                Error(item, "each suppression must be a mapping with rule, path and justification");
                continue;
            }
            string? rule = null, path = null, justification = null;
            DateTime? expires = null;
            foreach (var (key, value) in Entries(map, SuppressionKeys, "a suppression"))
            {
                switch (key)
                {
                    case "rule":
                        rule = Scalar(value, "suppression rule");
                        if (rule != null && _catalog.Find(rule) == null) Error(value, $"'{rule}' is not a rule ID");
                        break;
                    case "path": path = Scalar(value, "suppression path"); break;
                    case "justification": justification = (value as YamlScalarNode)?.Value?.Trim(); break;
                    case "expires":
                        var e = Scalar(value, "suppression expires");
                        if (e != null && DateTime.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)) expires = date;
                        else if (e != null) Error(value, "expires must be a date such as 2027-06-30");
                        break;
                }
            }
            if (rule == null)
            {
                Error(map, "a suppression needs 'rule'");
                continue;
            }
            if (string.IsNullOrEmpty(justification))
            {
                Error(map, $"the suppression of {rule} needs a justification: say why the finding is accepted");
                continue;
            }
            config.Suppressions.Add(new Suppression(rule, path, justification!, expires, _path, YamlDoc.Span(map)));
        }
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var x in list) if (x == value) return true;
        return false;
    }
}

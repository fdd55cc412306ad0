using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Yaml;
using PolicyCheck.Rules;

namespace PolicyCheck.Config;

/// <summary>
/// Reads policycheck.yml (and the Portkey settings) strictly: unknown keys and wrong types are PC4001 errors with
/// positions. The CLI and the analyzers read the config with this one reader.
/// </summary>
public sealed class ConfigReader
{
    public const string FileName = "policycheck.yml";
    private static readonly string[] TopKeys = { "gateway", "rules", "suppressions", "baseline", "helpUri" };
    private static readonly string[] ExternalIdKeys = { "required", "value", "env" };
    private static readonly string[] SuppressionKeys = { "rule", "path", "justification", "expires" };

    private static readonly Regex RoleArn = new Regex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)/[\w+=,.@/-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountRoot = new Regex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:root$", RegexOptions.CultureInvariant);

    private readonly string _path;
    private readonly ServiceFacts _facts;
    private readonly RuleIndex _catalog;
    private readonly Func<string, string?> _env;
    private readonly Func<string, bool>? _fileExists;
    private readonly List<Problem> _errors = new List<Problem>();

    private ConfigReader(string path, ServiceFacts facts, RuleIndex catalog, Func<string, string?> env, Func<string, bool>? fileExists)
    {
        _fileExists = fileExists;
        _path = path;
        _facts = facts;
        _catalog = catalog;
        _env = env;
    }

    /// <param name="fileExists">Checks gateway.settings; null (the analyzers) takes the path as given.</param>
    public static GatewayConfig Load(string path, string text, ServiceFacts facts, RuleIndex catalog, Func<string, string?> env, List<Problem> errors, Func<string, bool>? fileExists = null)
    {
        var loader = new ConfigReader(path, facts, catalog, env, fileExists);
        var config = loader.Parse(text);
        errors.AddRange(loader._errors);
        return config;
    }

    /// <summary>The Portkey integration settings (see SettingsLoader): validated with positions and applied to <paramref name="config"/>.</summary>
    public static void ApplySettings(string path, string text, GatewayConfig config, ServiceFacts facts, RuleIndex catalog, Func<string, string?> env, List<Problem> errors)
    {
        var loader = new ConfigReader(path, facts, catalog, env, null);
        loader.ParseSettings(text, config);
        errors.AddRange(loader._errors);
    }

    private static readonly string[] SettingsKeys = { "authType", "roleArn", "externalId", "externalIdEnv", "region", "workspaceId", "deployment" };

    private void ParseSettings(string text, GatewayConfig config)
    {
        var root = YamlReader.Read(text, null, out var problem);
        if (problem != null) _errors.Add(Problem.Config(_path, problem.Span, problem.Message));
        if (root == null) return;
        if (root is not SourceObject map)
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
    private void Agree(Located<string>? existing, string value, string key, SourceNode node)
    {
        if (existing == null || existing.Value == value) return;
        // An external ID is a secret: say that they differ, never what they are.
        if (key == "externalId") Error(node, "externalId differs from the one policycheck.yml gives (gateway.externalId); the values are not shown");
        else Error(node, $"{key} '{value}' differs from policycheck.yml ('{existing.Value}')");
    }

    private void Error(SourceNode node, string message) => Error(node.Span, message);
    private void Error(SourceSpan span, string message) => _errors.Add(Problem.Config(_path, span, message));

    private static string Describe(SourceNode node) => node switch
    {
        SourceObject => "a mapping",
        SourceArray => "a list",
        SourceScalar s when s.Text.Length == 0 => "an empty value",
        _ => "a scalar",
    };

    private GatewayConfig Parse(string text)
    {
        var config = new GatewayConfig { Path = _path };
        var root = YamlReader.Read(text, null, out var problem);
        if (problem != null) _errors.Add(Problem.Config(_path, problem.Span, problem.Message));
        if (root == null) return config;
        if (root is SourceScalar empty && empty.Text.Length == 0) return config;
        if (root is not SourceObject map)
        {
            Error(root, "the configuration must be a mapping with the keys gateway, rules, suppressions, baseline and helpUri");
            return config;
        }
        foreach (var (key, value) in Entries(map, TopKeys, "top level"))
        {
            switch (key)
            {
                case "gateway": ParseGateway(value, config); break;
                case "rules": ParseRules(value, config); break;
                case "suppressions": ParseSuppressions(value, config); break;
                case "helpUri":
                    // Where the rule pages live for this organisation (a mirror of docs/rules/): base + ID + ".md".
                    if (Scalar(value, "helpUri") is { } help)
                    {
                        if (!Uri.TryCreate(help, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http") || !help.EndsWith("/", StringComparison.Ordinal))
                            Error(value, $"helpUri must be an http(s) address ending in / (the rule pages' folder, e.g. https://git.example.com/policycheck/docs/rules/), not '{help}'");
                        else config.HelpUriBase = At(help, value);
                    }
                    break;
                case "baseline":
                    // lint --baseline's default: a path relative to policycheck.yml (it need not exist before --write-baseline).
                    if (Scalar(value, "baseline") is { } baseline)
                        config.BaselinePath = At(_fileExists == null ? baseline : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path)) ?? ".", baseline), value);
                    break;
            }
        }
        if (config.Deployment == Deployment.SelfHosted && config.Principals.Count == 0)
        {
            _errors.Add(Problem.Config(_path, map.Span, "a self-hosted deployment needs gateway.principals: the role ARN your gateway runs as"));
        }
        return config;
    }

    /// <summary>Mapping entries with scalar keys; unknown keys are reported with a suggestion.</summary>
    private IEnumerable<(string Key, SourceNode Value)> Entries(SourceObject map, string[] known, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in map.Properties)
        {
            if (Array.IndexOf(known, pair.Name) < 0)
            {
                string? near = Names.Nearest(pair.Name, known);
                Error(pair.NameSpan, $"unknown key '{pair.Name}' in {where}{(near != null ? $"; did you mean '{near}'?" : $"; known keys: {string.Join(", ", known)}")}");
                continue;
            }
            if (!seen.Add(pair.Name))
            {
                Error(pair.NameSpan, $"'{pair.Name}' is given twice in {where}");
                continue;
            }
            yield return (pair.Name, pair.Value);
        }
    }

    private string? Scalar(SourceNode node, string what)
    {
        if (node is SourceScalar s && s.Text.Length > 0) return s.Text;
        Error(node, $"{what} must be a single value, not {Describe(node)}");
        return null;
    }

    private List<(string Value, SourceNode Node)> List(SourceNode node, string what)
    {
        var list = new List<(string, SourceNode)>();
        if (node is SourceScalar)
        {
            var v = Scalar(node, what);
            if (v != null) list.Add((v, node));
            return list;
        }
        if (node is not SourceArray seq)
        {
            Error(node, $"{what} must be a list");
            return list;
        }
        foreach (var item in seq.Items)
        {
            var v = Scalar(item, "each entry of " + what);
            if (v != null) list.Add((v, item));
        }
        return list;
    }

    private Located<string> At(string value, SourceNode node) => new Located<string>(value, _path, node.Span);

    private void ParseGateway(SourceNode node, GatewayConfig config)
    {
        if (node is not SourceObject map)
        {
            Error(node, "gateway must be a mapping");
            return;
        }
        var known = new[] { "deployment", "principals", "features", "region", "account", "workspace", "externalId", "managedPolicies", "roleArn", "settings", "context" };
        SourceNode? contextNode = null;
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
                    string full = _fileExists == null ? settings : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path)) ?? ".", settings);
                    if (_fileExists != null && !_fileExists(full)) Error(value, $"the Portkey settings file '{settings}' does not exist (paths are relative to policycheck.yml)");
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
    private void ParseContext(SourceNode node, GatewayConfig config)
    {
        if (node is not SourceObject map)
        {
            Error(node, "gateway.context must be a mapping of condition key: value (or a list of values)");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Properties)
        {
            string name = pair.Name;
            if (name.Length == 0)
            {
                Error(pair.NameSpan, "keys in gateway.context must be condition keys such as aws:SourceIp");
                continue;
            }
            if (!seen.Add(name))
            {
                Error(pair.NameSpan, $"'{name}' is given twice in gateway.context");
                continue;
            }
            var values = new List<string>();
            if (pair.Value is SourceArray seq)
            {
                bool ok = true;
                foreach (var item in seq.Items)
                {
                    if (item is SourceScalar sv && sv.Text.Length > 0) values.Add(sv.Text);
                    else
                    {
                        Error(item, $"each value of gateway.context {name} must be a single value, not {Describe(item)}");
                        ok = false;
                    }
                }
                if (!ok) continue;
            }
            else if (pair.Value is SourceScalar one && one.Text.Length > 0)
            {
                values.Add(one.Text);
            }
            else
            {
                Error(pair.Value, $"gateway.context {name} must be a value or a list of values, not {Describe(pair.Value)}");
                continue;
            }
            string? why = GatewayRequests.CheckSetting(_facts, config.Deployment, name, values, out var type);
            if (why != null)
            {
                Error(why.StartsWith(name, StringComparison.Ordinal) || why.StartsWith("give", StringComparison.Ordinal) ? pair.Value.Span : pair.NameSpan, "gateway.context: " + why);
                continue;
            }
            config.Context.Add(new ContextSetting(name, values, type, _path, pair.NameSpan));
        }
    }

    private void ParseExternalId(SourceNode node, GatewayConfig config)
    {
        if (node is not SourceObject map)
        {
            Error(node, "gateway.externalId must be a mapping with required and value (or env)");
            return;
        }
        SourceNode? valueNode = null, envNode = null;
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

    private void ParseRules(SourceNode node, GatewayConfig config)
    {
        if (node is not SourceObject map)
        {
            Error(node, "rules must be a mapping of rule IDs to severities");
            return;
        }
        foreach (var pair in map.Properties)
        {
            string id = pair.Name;
            if (_catalog.Find(id) == null)
            {
                Error(pair.NameSpan, $"'{id}' is not a rule ID (see `policycheck rules`)");
                continue;
            }
            var sev = Scalar(pair.Value, $"the severity of {id}");
            switch (sev)
            {
                case "error": config.RuleSeverities[id] = Severity.Error; break;
                case "warning": config.RuleSeverities[id] = Severity.Warning; break;
                case "note": config.RuleSeverities[id] = Severity.Note; break;
                case "off": config.RuleSeverities[id] = null; break;
                case null: break;
                default: Error(pair.Value, $"'{sev}' is not a severity (error, warning, note or off)"); break;
            }
        }
    }

    private void ParseSuppressions(SourceNode node, GatewayConfig config)
    {
        if (node is not SourceArray seq)
        {
            Error(node, "suppressions must be a list");
            return;
        }
        foreach (var item in seq.Items)
        {
            if (item is not SourceObject map)
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
                    case "justification": justification = (value as SourceScalar)?.Text.Trim(); break;
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
            config.Suppressions.Add(new Suppression(rule, path, justification!, expires, _path, map.Span));
        }
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var x in list) if (x == value) return true;
        return false;
    }
}

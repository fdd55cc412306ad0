using System;
using System.Collections.Generic;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.Terraform;

/// <summary>
/// Reads IAM policies out of a Terraform plan (`terraform show -json`): aws_iam_role (assume_role_policy,
/// inline_policy, managed_policy_arns), aws_iam_role_policy, aws_iam_role_policy_attachment, aws_iam_policy and the
/// aws_iam_policy_document data source, in the root module and every child module. Policies are JSON strings in the
/// plan; findings point into the string, at the plan file's own line and column.
/// </summary>
public static class TerraformPlan
{
    public static bool Looks(SourceNode? root)
        => root is SourceObject o && o.Get("format_version") != null && (o.Get("planned_values") != null || o.Get("resource_changes") != null);

    /// <summary>
    /// Tags on the IAM resources: "policycheck:suppress" = "PC2009 why", or one tag per rule, "policycheck:suppress:PC2009"
    /// = "why". The rule must exist and the reason be given.
    /// </summary>
    private static void Suppressions(string path, List<Resource> resources, List<InlineSuppression> suppressions, List<Problem> errors)
    {
        foreach (var r in resources)
        {
            if (r.Values.Get("tags")?.Value is not SourceObject tags) continue;
            foreach (var t in tags.Properties)
            {
                if (!t.Name.StartsWith("policycheck:suppress", StringComparison.Ordinal)) continue;
                string value = (t.Value as SourceScalar)?.Text.Trim() ?? string.Empty;
                string rule, why;
                if (t.Name == "policycheck:suppress")
                {
                    int space = value.IndexOf(' ');
                    rule = space > 0 ? value.Substring(0, space) : value;
                    why = space > 0 ? value.Substring(space + 1).Trim() : string.Empty;
                }
                else if (t.Name.StartsWith("policycheck:suppress:", StringComparison.Ordinal))
                {
                    rule = t.Name.Substring("policycheck:suppress:".Length);
                    why = value;
                }
                else continue;
                if (PolicyCheck.Facts.BuiltIn.Catalog.Find(rule.ToUpperInvariant()) == null)
                {
                    errors.Add(Problem.Input(path, $"{r.Address}: the tag {t.Name} names no PolicyCheck rule ('{rule}'); write \"policycheck:suppress\" = \"PC2009 why\"", t.Value.Span));
                    continue;
                }
                if (why.Length == 0)
                {
                    errors.Add(Problem.Input(path, $"{r.Address}: the suppression of {rule} needs a reason after the rule (\"{rule} why the finding is accepted\")", t.Value.Span));
                    continue;
                }
                suppressions.Add(new InlineSuppression(path, r.Address, rule.ToUpperInvariant(), why));
            }
        }
    }

    private sealed class Resource
    {
        public string Address = string.Empty;
        public string Type = string.Empty;
        public string Mode = "managed";
        public SourceObject Values = null!;
    }

    public static List<RoleGroup> Read(string path, string text, SourceObject root, GatewayConfig config, ServiceFacts facts, ManagedPolicies managed, List<Problem> errors,
        List<InlineSuppression>? suppressions = null)
    {
        var roles = new List<RoleGroup>();
        string version = (root.Get("format_version")?.Value as SourceScalar)?.Text ?? "?";
        if (!version.StartsWith("1.", StringComparison.Ordinal))
        {
            errors.Add(Problem.Input(path, $"Terraform plan format_version \"{version}\" is not supported (PolicyCheck reads 1.x from `terraform show -json`)"));
            return roles;
        }
        var lines = new LineMap(text);
        var resources = new List<Resource>();
        if (root.Get("planned_values")?.Value is SourceObject planned && planned.Get("root_module")?.Value is SourceObject module) Collect(module, resources, 0);
        if (root.Get("prior_state")?.Value is SourceObject prior && prior.Get("values")?.Value is SourceObject pv && pv.Get("root_module")?.Value is SourceObject pm)
        {
            var data = new List<Resource>();
            Collect(pm, data, 0);
            foreach (var d in data) if (d.Mode == "data") resources.Add(d);
        }
        var unknown = Unknown(root);
        if (suppressions != null) Suppressions(path, resources, suppressions, errors);

        var usedJson = UsedPolicyText(resources);
        var byRoleName = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        var byAddress = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (r.Type != "aws_iam_role" || r.Mode != "managed") continue;
            var role = new RoleGroup(r.Address);
            byAddress[r.Address] = role;
            if ((r.Values.Get("name")?.Value as SourceScalar)?.Text is { Length: > 0 } name) byRoleName[name] = role;
            roles.Add(role);
            AddDoc(role, path, text, lines, r.Values, "assume_role_policy", r.Address, DocumentKind.Trust, unknown, errors);
            if (r.Values.Get("inline_policy")?.Value is SourceArray inline)
            {
                foreach (var item in inline.Items)
                {
                    if (item is not SourceObject p) continue;
                    string label = $"{r.Address} inline_policy {(p.Get("name")?.Value as SourceScalar)?.Text}";
                    AddDoc(role, path, text, lines, p, "policy", label, DocumentKind.Permission, unknown, errors);
                }
            }
            if (r.Values.Get("managed_policy_arns")?.Value is SourceArray arns)
            {
                foreach (var a in arns.Items) GatewayRoles.Attach(role, (a as SourceScalar)?.Text, a.Span, path, facts, managed);
            }
        }
        var references = References(root);
        var roleByBase = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        foreach (var kv in byAddress) roleByBase[Base(kv.Key)] = kv.Value;
        // A role by its name, else by the configuration's reference (a name known only at apply).
        RoleGroup? RoleFor(Resource r)
        {
            string? name = (r.Values.Get("role")?.Value as SourceScalar)?.Text;
            if (name != null && byRoleName.TryGetValue(name, out var role)) return role;
            return Referenced(references, r.Address, "role", "aws_iam_role") is { } target && roleByBase.TryGetValue(target, out var byRef) ? byRef : null;
        }
        // Customer managed policies of the plan attached to roles (policy_arn is known only at apply: follow the reference).
        var attached = new Dictionary<string, List<RoleGroup>>(StringComparer.Ordinal);
        var boundaries = new Dictionary<string, List<RoleGroup>>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (r.Type != "aws_iam_role" || r.Mode != "managed" || !byAddress.TryGetValue(r.Address, out var role)) continue;
            if (Referenced(references, r.Address, "permissions_boundary", "aws_iam_policy") is { } local)
            {
                if (!boundaries.TryGetValue(local, out var list)) boundaries[local] = list = new List<RoleGroup>();
                list.Add(role);
            }
            else if (r.Values.Get("permissions_boundary")?.Value is SourceScalar b && b.Kind == NodeKind.String && b.Text.Length > 0)
            {
                if (managed.Document(b.Text) is { } known) role.Boundaries.Add(known);
                else role.Unresolved.Add((path, b.Span, $"{r.Address}: the permissions boundary {b.Text} is not in this plan, so the proofs do not include it; a boundary that leaves out the gateway's actions blocks them"));
            }
        }
        foreach (var r in resources)
        {
            if (r.Type != "aws_iam_role_policy_attachment") continue;
            var role = RoleFor(r);
            if (role == null) continue;
            string? arn = (r.Values.Get("policy_arn")?.Value as SourceScalar)?.Text;
            if (arn != null) GatewayRoles.Attach(role, arn, r.Values.Span, path, facts, managed);
            if (Referenced(references, r.Address, "policy_arn", "aws_iam_policy") is { } policy)
            {
                if (!attached.TryGetValue(policy, out var list)) attached[policy] = list = new List<RoleGroup>();
                if (!list.Contains(role)) list.Add(role);
            }
        }
        foreach (var r in resources)
        {
            switch (r.Type)
            {
                case "aws_iam_role_policy":
                {
                    var role = RoleFor(r) ?? Standalone(roles, r.Address);
                    AddDoc(role, path, text, lines, r.Values, "policy", r.Address, DocumentKind.Permission, unknown, errors);
                    break;
                }
                case "aws_iam_policy":
                {
                    if (boundaries.TryGetValue(Base(r.Address), out var bounded))
                    {
                        // A boundary limits the roles it is set on and is itself linted with the general rules only.
                        var own = Standalone(roles, r.Address + GatewayRoles.BoundaryMark);
                        AddDoc(own, path, text, lines, r.Values, "policy", r.Address, DocumentKind.Permission, unknown, errors);
                        foreach (var d in own.Documents) foreach (var b in bounded) b.Boundaries.Add(d);
                        if (!attached.ContainsKey(Base(r.Address))) break;
                    }
                    if (!attached.TryGetValue(Base(r.Address), out var to))
                    {
                        AddDoc(Standalone(roles, r.Address), path, text, lines, r.Values, "policy", r.Address, DocumentKind.Permission, unknown, errors);
                        break;
                    }
                    int before = to[0].Documents.Count;
                    AddDoc(to[0], path, text, lines, r.Values, "policy", r.Address, DocumentKind.Permission, unknown, errors);
                    for (int i = 1; i < to.Count && to[0].Documents.Count > before; i++) to[i].Documents.Add(to[0].Documents[before]);
                    break;
                }
                case "aws_iam_policy_document" when r.Mode == "data":
                    // A document a resource uses (assume_role_policy = data.….json) is linted there, once, with its role.
                    if ((r.Values.Get("json")?.Value as SourceScalar)?.Text is { Length: > 0 } json && usedJson.Contains(Canonical(json))) break;
                    AddDoc(Standalone(roles, r.Address), path, text, lines, r.Values, "json", r.Address, null, unknown, errors);
                    break;
            }
        }
        // Only roles that are about the gateway get the gateway's rules; the others get the general IAM rules.
        GatewayRoles.Mark(roles, config, facts);
        roles.RemoveAll(r => r.Documents.Count == 0 && r.ManagedPolicies.Count == 0 && r.Unresolved.Count == 0);
        return roles;
    }

    /// <summary>The policy texts the plan's IAM resources carry (roles, role policies, policies), whitespace removed.</summary>
    private static HashSet<string> UsedPolicyText(List<Resource> resources)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (r.Mode != "managed") continue;
            foreach (var attr in new[] { "assume_role_policy", "policy" })
            {
                if ((r.Values.Get(attr)?.Value as SourceScalar)?.Text is { Length: > 0 } t) set.Add(Canonical(t));
            }
            if (r.Values.Get("inline_policy")?.Value is SourceArray inline)
            {
                foreach (var item in inline.Items)
                {
                    if (item is SourceObject o && (o.Get("policy")?.Value as SourceScalar)?.Text is { Length: > 0 } t) set.Add(Canonical(t));
                }
            }
        }
        return set;
    }

    private static string Canonical(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            if (!char.IsWhiteSpace(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>An address without instance keys: aws_iam_policy.p[0] → aws_iam_policy.p.</summary>
    private static string Base(string address) => System.Text.RegularExpressions.Regex.Replace(address, @"\[[^\]]*\]", string.Empty);

    /// <summary>The configuration's expressions of every resource, by address (module prefix included, no instance keys).</summary>
    private static Dictionary<string, SourceObject> References(SourceObject root)
    {
        var map = new Dictionary<string, SourceObject>(StringComparer.Ordinal);
        void Walk(SourceObject module, string prefix, int depth)
        {
            if (depth > 32) return;
            if (module.Get("resources")?.Value is SourceArray list)
            {
                foreach (var item in list.Items)
                {
                    if (item is SourceObject r && (r.Get("address")?.Value as SourceScalar)?.Text is { } address && r.Get("expressions")?.Value is SourceObject e)
                        map[prefix + address] = e;
                }
            }
            if (module.Get("module_calls")?.Value is SourceObject calls)
            {
                foreach (var c in calls.Properties)
                {
                    if (c.Value is SourceObject call && call.Get("module")?.Value is SourceObject inner) Walk(inner, prefix + "module." + c.Name + ".", depth + 1);
                }
            }
        }
        if (root.Get("configuration")?.Value is SourceObject config && config.Get("root_module")?.Value is SourceObject rootModule) Walk(rootModule, string.Empty, 0);
        return map;
    }

    /// <summary>The address of the <paramref name="type"/> resource an attribute refers to (aws_iam_policy.p.arn → aws_iam_policy.p), in the same module.</summary>
    private static string? Referenced(Dictionary<string, SourceObject> references, string address, string attribute, string type)
    {
        string key = Base(address);
        if (!references.TryGetValue(key, out var expressions) || expressions.Get(attribute)?.Value is not SourceObject expression
            || expression.Get("references")?.Value is not SourceArray refs) return null;
        int last = key.LastIndexOf('.');
        int own = last > 0 ? key.LastIndexOf('.', last - 1) : -1;
        string prefix = own < 0 ? string.Empty : key.Substring(0, own + 1);
        foreach (var item in refs.Items)
        {
            if (item is not SourceScalar s || !s.Text.StartsWith(type + ".", StringComparison.Ordinal)) continue;
            var parts = s.Text.Split('.');
            if (parts.Length >= 2) return prefix + Base(parts[0] + "." + parts[1]);
        }
        return null;
    }

    private static RoleGroup Standalone(List<RoleGroup> roles, string address)
    {
        var role = new RoleGroup(address);
        roles.Add(role);
        return role;
    }

    /// <summary>A policy JSON string at <paramref name="key"/>: read it and map its positions into the plan file.</summary>
    private static void AddDoc(RoleGroup role, string path, string text, LineMap lines, SourceObject values, string key, string label, DocumentKind? kind,
        HashSet<string> unknown, List<Problem> errors)
    {
        var prop = values.Get(key);
        // An inline_policy block without a policy is how the provider writes "no inline policies"; every other
        // document is required, so a missing, null, empty or non-text one is a plan that was not checked: an error.
        bool required = label.IndexOf(" inline_policy ", StringComparison.Ordinal) < 0;
        if (prop == null || prop.Value.Kind == NodeKind.Null)
        {
            if (unknown.Contains(label.Split(' ')[0] + "." + key))
                role.Unresolved.Add((path, values.Span, $"{label}: {key} is not known until apply (computed), so it was not checked"));
            else if (required)
                errors.Add(Problem.Input(path, $"{label}: {key} is {(prop == null ? "missing" : "null")}; `terraform show -json` writes it as the policy's JSON text, so this plan cannot be checked", prop?.Value.Span ?? values.Span));
            return;
        }
        if (prop.Value is not SourceScalar s || s.Kind != NodeKind.String)
        {
            errors.Add(Problem.Input(path, $"{label}: {key} is {SourceNode.KindName(prop.Value.Kind)}, not the policy's JSON text that `terraform show -json` writes, so it cannot be checked", prop.Value.Span));
            return;
        }
        if (s.Text.Trim().Length == 0)
        {
            if (required) errors.Add(Problem.Input(path, $"{label}: {key} is empty; a role or policy needs a policy document", s.Span));
            return;
        }
        var doc = PolicyReader.Read(path, s.Text, kind, label);
        doc.SpanMap = EmbeddedPolicySpans.JsonString(text, lines, s);
        role.Documents.Add(doc);
    }

    private static void Collect(SourceObject module, List<Resource> into, int depth)
    {
        if (depth > 32) return;
        if (module.Get("resources")?.Value is SourceArray list)
        {
            foreach (var item in list.Items)
            {
                if (item is not SourceObject r || r.Get("values")?.Value is not SourceObject values) continue;
                into.Add(new Resource
                {
                    Address = (r.Get("address")?.Value as SourceScalar)?.Text ?? "?",
                    Type = (r.Get("type")?.Value as SourceScalar)?.Text ?? "?",
                    Mode = (r.Get("mode")?.Value as SourceScalar)?.Text ?? "managed",
                    Values = values,
                });
            }
        }
        if (module.Get("child_modules")?.Value is SourceArray children)
        {
            foreach (var c in children.Items) if (c is SourceObject child) Collect(child, into, depth + 1);
        }
    }

    /// <summary>"address.attribute" for every attribute resource_changes marks as unknown after apply.</summary>
    private static HashSet<string> Unknown(SourceObject root)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (root.Get("resource_changes")?.Value is not SourceArray changes) return set;
        foreach (var c in changes.Items)
        {
            if (c is not SourceObject change) continue;
            string address = (change.Get("address")?.Value as SourceScalar)?.Text ?? "?";
            if (change.Get("change")?.Value is SourceObject ch && ch.Get("after_unknown")?.Value is SourceObject after)
            {
                foreach (var p in after.Properties) if (p.Value.Kind == NodeKind.True) set.Add(address + "." + p.Name);
            }
        }
        return set;
    }
}

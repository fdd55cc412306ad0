using System;
using System.Collections.Generic;
using System.Text;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>What one template gave the lint: the roles to check and where values stayed unknown.</summary>
public sealed class TemplateRead
{
    public List<RoleGroup> Roles { get; } = new List<RoleGroup>();
    /// <summary>Every place an unknown value was put in (findings about those values are not reported; PC1034 notes them).</summary>
    public List<SourceSpan> UnknownSpans { get; } = new List<SourceSpan>();
    public List<string> Secrets { get; } = new List<string>();
    public int Policies { get; set; }
    /// <summary>Metadata.policycheck.suppress of the IAM resources: findings on a resource's policies, by its name.</summary>
    public List<InlineSuppression> Suppressions { get; } = new List<InlineSuppression>();
}

/// <summary>
/// Reads the IAM resources of a CloudFormation template (YAML or JSON, CDK output included): AWS::IAM::Role with its
/// trust, inline, managed and boundary policies, AWS::IAM::Policy, AWS::IAM::RolePolicy and AWS::IAM::ManagedPolicy.
/// Each role is checked once per combination of the conditions its Fn::If expressions use (both branches).
/// </summary>
public static class CloudFormationTemplate
{
    /// <summary>CloudFormation's own limit for a template body (from S3).</summary>
    public const int MaxTemplateBytes = 1_048_576;
    /// <summary>With more conditions than this, only "all true" and "all false" are checked.</summary>
    public const int MaxEnumeratedConditions = 3;

    private static readonly string[] IamTypes = { "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy" };

    public static bool Looks(SourceNode? root)
    {
        if (root is not SourceObject o || o.Get("Resources")?.Value is not SourceObject resources) return false;
        if (o.Get("AWSTemplateFormatVersion") != null) return true;
        foreach (var r in resources.Properties)
        {
            if (r.Value is SourceObject res && res.Get("Type")?.Value is SourceScalar t && t.Text.Contains("::")) return true;
        }
        return false;
    }

    /// <summary>A cheap look at a YAML file met while walking a folder: is it worth parsing as a template?</summary>
    public static bool LooksLikeYamlTemplate(string text)
        => text.IndexOf("AWSTemplateFormatVersion", StringComparison.Ordinal) >= 0
           || (HasResourcesKey(text) && text.IndexOf("AWS::", StringComparison.Ordinal) >= 0);

    /// <summary>"Resources" as a key, however it is written: Resources:, "Resources":, 'Resources' :, JSON style.</summary>
    private static bool HasResourcesKey(string text)
    {
        for (int at = text.IndexOf("Resources", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Resources", at + 1, StringComparison.Ordinal))
        {
            int i = at + "Resources".Length;
            if (i < text.Length && (text[i] == '"' || text[i] == '\'')) i++;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i < text.Length && text[i] == ':') return true;
        }
        return false;
    }

    public static TemplateRead Read(string path, string text, SourceObject root, IReadOnlyDictionary<string, string> parameters,
        GatewayConfig config, ServiceFacts facts, ManagedPolicies managed, List<Problem> errors, Func<string, SourceObject, string?>? constructPath = null,
        bool optimistic = false)
    {
        var result = new TemplateRead();
        if (Encoding.UTF8.GetByteCount(text) > MaxTemplateBytes)
        {
            errors.Add(Problem.Input(path, $"the template has {Encoding.UTF8.GetByteCount(text):N0} bytes; CloudFormation accepts at most {MaxTemplateBytes:N0} (1 MB), so it cannot be deployed"));
            return result;
        }
        var model = new TemplateModel(root) { Text = text, Lines = new LineMap(text) };
        foreach (var p in parameters) model.Given[p.Key] = p.Value;
        if (!model.Given.ContainsKey("AWS::AccountId") && config.Account != null) model.Given["AWS::AccountId"] = config.Account.Value;
        if (!model.Given.ContainsKey("AWS::Region") && config.Region != null) model.Given["AWS::Region"] = config.Region.Value;
        foreach (var p in model.Parameters)
        {
            if (p.Value.Get("NoEcho")?.Value is SourceScalar ne && (ne.Text == "true" || ne.Kind == NodeKind.True) && model.Value(p.Key) is SourceScalar v) result.Secrets.Add(v.Text);
        }
        Suppressions(path, model, result, errors, constructPath ?? ((_, r) => CdkPath(r)));
        try
        {
            var conditions = ConditionsUsed(model);
            foreach (var assignment in Variants(conditions))
            {
                ReadVariant(path, model, assignment, result, facts, managed, constructPath ?? ((_, r) => CdkPath(r)), optimistic);
            }
        }
        catch (ProblemException e)
        {
            errors.Add(Problem.Input(path, e.Message, e.Span));
            result.Roles.Clear();
            return result;
        }
        GatewayRoles.Mark(result.Roles, config, facts);
        result.Roles.RemoveAll(r => r.Documents.Count == 0 && r.ManagedPolicies.Count == 0 && r.Unresolved.Count == 0);
        // A role no condition touches reads the same in every combination: lint it once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        result.Roles.RemoveAll(r => !seen.Add(Signature(r)));
        return result;
    }

    /// <summary>What a role read as: its name (with its conditions) and each policy's label (with theirs).</summary>
    private static string Signature(RoleGroup role)
    {
        var sb = new StringBuilder(role.Name);
        foreach (var d in role.Documents) sb.Append('\n').Append(d.Label).Append('@').Append(d.RootSpan.Start);
        foreach (var m in role.ManagedPolicies) sb.Append("\nmanaged ").Append(m.Fact.Name);
        foreach (var b in role.Boundaries) sb.Append("\nboundary ").Append(b.Label ?? b.Path);
        return sb.ToString();
    }


    /// <summary>The construct path CDK writes into each resource's metadata.</summary>
    public static string? CdkPath(SourceObject resource)
        => resource.Get("Metadata")?.Value is SourceObject m && m.Get("aws:cdk:path")?.Value is SourceScalar p ? p.Text : null;

    private static List<string> ConditionsUsed(TemplateModel model)
    {
        var names = new List<string>();
        var spans = new List<SourceSpan>();
        foreach (var r in model.Resources)
        {
            if (Array.IndexOf(IamTypes, model.Type(r.Key)) < 0) continue;
            if (r.Value.Get("Condition")?.Value is SourceScalar c && !names.Contains(c.Text))
            {
                names.Add(c.Text);
                spans.Add(c.Span);
            }
            if (r.Value.Get("Properties")?.Value is SourceNode props) FindIfs(props, names, 0, spans);
        }
        for (int i = 0; i < names.Count; i++)
        {
            if (!model.Conditions.ContainsKey(names[i])) throw new ProblemException($"condition \"{names[i]}\" is used but Conditions does not define it", spans[i]);
        }
        return names;
    }

    private static void FindIfs(SourceNode node, List<string> names, int depth, List<SourceSpan>? spans = null)
    {
        if (depth > Intrinsics.MaxDepth) return; // the resolver reports the depth
        if (node is SourceObject o)
        {
            if (o.Properties.Count == 1 && o.Properties[0].Name == "Fn::If" && o.Properties[0].Value is SourceArray a && a.Items.Count > 0
                && a.Items[0] is SourceScalar c && !names.Contains(c.Text))
            {
                names.Add(c.Text);
                spans?.Add(c.Span);
            }
            foreach (var p in o.Properties) FindIfs(p.Value, names, depth + 1, spans);
        }
        else if (node is SourceArray arr)
        {
            foreach (var i in arr.Items) FindIfs(i, names, depth + 1, spans);
        }
    }

    private static IEnumerable<Dictionary<string, bool>> Variants(List<string> conditions)
    {
        if (conditions.Count == 0)
        {
            yield return new Dictionary<string, bool>();
            yield break;
        }
        if (conditions.Count > MaxEnumeratedConditions)
        {
            foreach (bool value in new[] { true, false })
            {
                var all = new Dictionary<string, bool>(StringComparer.Ordinal);
                foreach (var c in conditions) all[c] = value;
                yield return all;
            }
            yield break;
        }
        for (int mask = 0; mask < 1 << conditions.Count; mask++)
        {
            var a = new Dictionary<string, bool>(StringComparer.Ordinal);
            for (int i = 0; i < conditions.Count; i++) a[conditions[i]] = (mask & (1 << i)) == 0;
            yield return a;
        }
    }

    private sealed class Variant
    {
        public Variant(string path, TemplateModel model, Dictionary<string, bool> assignment, TemplateRead result, Func<string, SourceObject, string?> constructPath, bool optimistic)
        {
            Optimistic = optimistic;
            Path = path;
            Model = model;
            Assignment = assignment;
            Result = result;
            ConstructPath = constructPath;
            First = true;
            foreach (var a in assignment) First &= a.Value;
        }

        public bool Optimistic { get; }

        /// <summary>True for the first combination of conditions (policies are counted once).</summary>
        public bool First { get; }

        /// <summary>" (if C, not D)" for the conditions that decide this part of the template; empty when none does.</summary>
        public string Suffix(SourceObject resource, params SourceNode?[] parts)
        {
            var names = new List<string>();
            if (resource.Get("Condition")?.Value is SourceScalar c) names.Add(c.Text);
            foreach (var part in parts) if (part != null) FindIfs(part, names, 0);
            var said = new List<string>();
            foreach (var n in names) if (Assignment.TryGetValue(n, out bool on)) said.Add(on ? n : "not " + n);
            return said.Count == 0 ? string.Empty : " (if " + string.Join(", ", said) + ")";
        }

        public string Path { get; }
        public TemplateModel Model { get; }
        public Dictionary<string, bool> Assignment { get; }
        public TemplateRead Result { get; }
        public Func<string, SourceObject, string?> ConstructPath { get; }
        public Dictionary<string, RoleGroup> Roles { get; } = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        public HashSet<string> Reported { get; } = new HashSet<string>(StringComparer.Ordinal);
        /// <summary>Managed policies of the template attached by Ref in a role's ManagedPolicyArns.</summary>
        public Dictionary<string, List<RoleGroup>> ManagedTargets { get; } = new Dictionary<string, List<RoleGroup>>(StringComparer.Ordinal);
        public List<(RoleGroup Role, string Policy)> Boundaries { get; } = new List<(RoleGroup, string)>();
        public Dictionary<string, RoleGroup> RoleByName { get; } = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);

        public string Name(string logicalId) => ConstructPath(logicalId, Model.Resources[logicalId]) ?? logicalId;

        public SourceNode? Resolve(SourceNode node, RoleGroup owner)
        {
            var intrinsics = new Intrinsics(Model, c => Assignment.TryGetValue(c, out bool v) && v, Optimistic);
            var resolved = intrinsics.Resolve(node);
            foreach (var u in intrinsics.Unknowns)
            {
                Result.UnknownSpans.Add(u.Span);
                if (Reported.Add(u.Name)) owner.Unresolved.Add((Path, u.Span, $"{u.Why}; the policy was checked with {u.Marker} in its place, which matches nothing"));
            }
            return resolved;
        }
    }

    private static void ReadVariant(string path, TemplateModel model, Dictionary<string, bool> assignment, TemplateRead result,
        ServiceFacts facts, ManagedPolicies managed, Func<string, SourceObject, string?> constructPath, bool optimistic)
    {
        var v = new Variant(path, model, assignment, result, constructPath, optimistic);
        bool Present(SourceObject resource) => resource.Get("Condition")?.Value is not SourceScalar c || (assignment.TryGetValue(c.Text, out bool on) && on);
        // Roles first, so policies can be attached to them.
        foreach (var r in model.Resources)
        {
            if (model.Type(r.Key) == "AWS::IAM::Role" && Present(r.Value)) ReadRole(v, r.Key, r.Value, facts, managed);
        }
        foreach (var r in model.Resources)
        {
            if (model.Type(r.Key) is "AWS::IAM::Policy" or "AWS::IAM::RolePolicy" or "AWS::IAM::ManagedPolicy" && Present(r.Value)) ReadPolicy(v, r.Key, r.Value);
        }
    }

    /// <summary>
    /// The cfn-lint convention: Metadata: { policycheck: { suppress: [{ rule: PC2009, justification: "..." }] } } on an
    /// IAM resource suppresses that rule's findings on its policies. A justification is required; the rule must exist.
    /// </summary>
    private static void Suppressions(string path, TemplateModel model, TemplateRead result, List<Problem> errors, Func<string, SourceObject, string?> constructPath)
    {
        foreach (var r in model.Resources)
        {
            if (r.Value.Get("Metadata")?.Value is not SourceObject meta || meta.Get("policycheck")?.Value is not SourceObject pc) continue;
            var list = pc.Get("suppress");
            if (list?.Value is not SourceArray items)
            {
                errors.Add(Problem.Input(path, $"{r.Key}: Metadata.policycheck needs suppress: a list of {{rule, justification}}", list?.Value.Span ?? pc.Span));
                continue;
            }
            string name = constructPath(r.Key, r.Value) ?? r.Key;
            foreach (var item in items.Items)
            {
                var rule = (item as SourceObject)?.Get("rule")?.Value as SourceScalar;
                var why = (item as SourceObject)?.Get("justification")?.Value as SourceScalar;
                if (rule == null || PolicyCheck.Facts.BuiltIn.Catalog.Find(rule.Text.Trim().ToUpperInvariant()) == null)
                {
                    errors.Add(Problem.Input(path, $"{r.Key}: a suppression needs the rule it suppresses (rule: PC2009){(rule != null ? $"; {rule.Text} is no PolicyCheck rule" : string.Empty)}", (rule ?? item).Span));
                    continue;
                }
                if (why == null || why.Text.Trim().Length == 0)
                {
                    errors.Add(Problem.Input(path, $"{r.Key}: the suppression of {rule.Text} needs a justification (justification: why the finding is accepted)", item.Span));
                    continue;
                }
                result.Suppressions.Add(new InlineSuppression(path, name, rule.Text, why.Text));
            }
        }
    }

    /// <summary>An AWS::IAM::Role: its trust policy, inline policies, managed policies and permissions boundary.</summary>
    private static void ReadRole(Variant v, string logicalId, SourceObject resource, ServiceFacts facts, ManagedPolicies managed)
    {
        var p0 = resource.Get("Properties")?.Value as SourceObject;
        var role = new RoleGroup(v.Name(logicalId) + v.Suffix(resource, p0?.Get("RoleName")?.Value, p0?.Get("AssumeRolePolicyDocument")?.Value,
            p0?.Get("Policies")?.Value, p0?.Get("ManagedPolicyArns")?.Value, p0?.Get("PermissionsBoundary")?.Value));
        v.Roles[logicalId] = role;
        v.Result.Roles.Add(role);
        if (resource.Get("Properties")?.Value is not SourceObject props) return;
        if (props.Get("RoleName")?.Value is SourceNode rn && v.Resolve(rn, role) is SourceScalar name) v.RoleByName[name.Text] = role;
        string label = v.Name(logicalId);
        if (props.Get("AssumeRolePolicyDocument")?.Value is SourceNode trust)
        {
            AddResolvedDoc(v, role, v.Resolve(trust, role), label + " AssumeRolePolicyDocument" + v.Suffix(resource, trust), DocumentKind.Trust);
        }
        if (props.Get("Policies")?.Value is SourceNode policies && v.Resolve(policies, role) is { } resolvedPolicies)
        {
            if (resolvedPolicies is not SourceArray list)
                throw new ProblemException("Policies must be a list of {PolicyName, PolicyDocument}", policies.Span);
            foreach (var item in list.Items)
            {
                if (item is not SourceObject p || p.Get("PolicyDocument") == null)
                    throw new ProblemException("each entry of Policies needs a PolicyName and a PolicyDocument", item.Span);
                string policyName = (p.Get("PolicyName")?.Value as SourceScalar)?.Text ?? "?";
                AddResolvedDoc(v, role, p.Get("PolicyDocument")?.Value, $"{label} Policies[{policyName}]" + v.Suffix(resource, policies), DocumentKind.Permission);
            }
        }
        if (props.Get("ManagedPolicyArns")?.Value is SourceNode arns)
        {
            foreach (var item in arns is SourceArray raw ? (IReadOnlyList<SourceNode>)raw.Items : new[] { arns })
            {
                if (RefTo(item, v.Model, "AWS::IAM::ManagedPolicy") is { } local)
                {
                    if (!v.ManagedTargets.TryGetValue(local, out var owners)) v.ManagedTargets[local] = owners = new List<RoleGroup>();
                    owners.Add(role);
                    continue;
                }
                var resolved = v.Resolve(item, role);
                if (resolved is SourceArray many) foreach (var m in many.Items) GatewayRoles.Attach(role, (m as SourceScalar)?.Text, m.Span, v.Path, facts, managed);
                else if (resolved is SourceScalar one) GatewayRoles.Attach(role, one.Text, one.Span, v.Path, facts, managed);
            }
        }
        if (props.Get("PermissionsBoundary")?.Value is not SourceNode boundary) return;
        if (RefTo(boundary, v.Model, "AWS::IAM::ManagedPolicy") is { } b)
        {
            v.Boundaries.Add((role, b));
        }
        else if (v.Resolve(boundary, role) is SourceScalar arn && !Intrinsics.IsMarker(arn.Text))
        {
            if (managed.Document(arn.Text) is { } known) role.Boundaries.Add(known);
            else if (v.Reported.Add("boundary " + arn.Text))
                role.Unresolved.Add((v.Path, arn.Span, $"the permissions boundary {arn.Text} is not in this template, so the proofs do not include it; a boundary that leaves out the gateway's actions blocks them"));
        }
    }

    /// <summary>An AWS::IAM::Policy, RolePolicy or ManagedPolicy: joins the roles it is attached to, else stands alone.</summary>
    private static void ReadPolicy(Variant v, string logicalId, SourceObject resource)
    {
        if (resource.Get("Properties")?.Value is not SourceObject props) return;
        string label = v.Name(logicalId) + " PolicyDocument" + v.Suffix(resource, props.Get("PolicyDocument")?.Value);
        var targets = new List<RoleGroup>();
        var roleRefs = v.Model.Type(logicalId) == "AWS::IAM::RolePolicy" ? props.Get("RoleName")?.Value : props.Get("Roles")?.Value;
        bool isBoundary = v.Boundaries.Exists(b => b.Policy == logicalId);
        var alone = new RoleGroup(v.Name(logicalId) + (isBoundary ? GatewayRoles.BoundaryMark : v.Suffix(resource, props)));
        if (roleRefs != null)
        {
            foreach (var item in roleRefs is SourceArray raw ? (IReadOnlyList<SourceNode>)raw.Items : new[] { roleRefs })
            {
                if (RefTo(item, v.Model, "AWS::IAM::Role") is { } local)
                {
                    if (v.Roles.TryGetValue(local, out var target)) targets.Add(target);
                    continue;
                }
                if (v.Resolve(item, alone) is SourceScalar s && v.RoleByName.TryGetValue(s.Text, out var named)) targets.Add(named);
            }
        }
        if (v.ManagedTargets.TryGetValue(logicalId, out var attachedTo))
        {
            foreach (var owner in attachedTo) if (!targets.Contains(owner)) targets.Add(owner);
        }
        if (targets.Count == 0)
        {
            v.Result.Roles.Add(alone);
            targets.Add(alone);
        }
        else
        {
            targets[0].Unresolved.AddRange(alone.Unresolved); // unknown role names met on the way
        }
        if (props.Get("PolicyDocument")?.Value is not SourceNode docNode) return;
        int before = targets[0].Documents.Count;
        AddResolvedDoc(v, targets[0], v.Resolve(docNode, targets[0]), label, DocumentKind.Permission);
        if (targets[0].Documents.Count == before) return;
        var doc = targets[0].Documents[before];
        for (int i = 1; i < targets.Count; i++) targets[i].Documents.Add(doc);
        foreach (var b in v.Boundaries) if (b.Policy == logicalId) b.Role.Boundaries.Add(doc);
    }

    /// <summary>The logical ID when <paramref name="node"/> is a Ref (or GetAtt …Arn) to a resource of that type.</summary>
    private static string? RefTo(SourceNode node, TemplateModel model, string type)
    {
        if (node is not SourceObject o || o.Properties.Count != 1) return null;
        var p = o.Properties[0];
        string? id = p.Name switch
        {
            "Ref" => (p.Value as SourceScalar)?.Text,
            "Fn::GetAtt" when p.Value is SourceArray a && a.Items.Count == 2 => (a.Items[0] as SourceScalar)?.Text,
            "Fn::GetAtt" when p.Value is SourceScalar dotted && dotted.Text.IndexOf('.') > 0 => dotted.Text.Substring(0, dotted.Text.IndexOf('.')),
            _ => null,
        };
        return id != null && model.Type(id) == type ? id : null;
    }

    private static void AddResolvedDoc(Variant v, RoleGroup role, SourceNode? node, string label, DocumentKind kind)
    {
        if (node == null) return;
        if (v.First) v.Result.Policies++;
        if (node is SourceScalar s && s.Kind == NodeKind.String)
        {
            if (Intrinsics.IsWholeMarker(s.Text)) return; // the whole policy is unknown: PC1034 says so
            var fromText = PolicyReader.Read(v.Path, s.Text, kind, label);
            var at = s.Span;
            // A policy written as text: positions inside it when the text is in the file as it is, else the scalar's start.
            bool quoted = at.Start < v.Model.Text.Length && v.Model.Text[at.Start] == '"';
            fromText.SpanMap = (quoted ? EmbeddedPolicySpans.JsonString(v.Model.Text, v.Model.Lines, s) : EmbeddedPolicySpans.BlockScalar(v.Model.Text, v.Model.Lines, at, s.Text))
                ?? (_ => at);
            role.Documents.Add(fromText);
            return;
        }
        role.Documents.Add(PolicyReader.FromNode(v.Path, node, label, kind, PolicyQuota.Length(node, asWritten: false)));
    }
}

using System;
using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>The parts of a template the resolver needs: parameters with their values, resources, mappings, conditions.</summary>
public sealed class TemplateModel
{
    public static readonly HashSet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::URLSuffix", "AWS::StackName", "AWS::StackId",
        "AWS::NotificationARNs", "AWS::NoValue",
    };

    public TemplateModel(SourceObject root)
    {
        Root = root;
        if (root.Get("Parameters")?.Value is SourceObject ps) foreach (var p in ps.Properties) if (p.Value is SourceObject o) Parameters[p.Name] = o;
        if (root.Get("Resources")?.Value is SourceObject rs) foreach (var r in rs.Properties) if (r.Value is SourceObject o) Resources[r.Name] = o;
        if (root.Get("Conditions")?.Value is SourceObject cs) foreach (var c in cs.Properties) Conditions[c.Name] = c.Value;
        Mappings = root.Get("Mappings")?.Value as SourceObject;
    }

    public SourceObject Root { get; }
    /// <summary>The template's text, for positions inside policies written as strings.</summary>
    public string Text { get; set; } = string.Empty;
    public LineMap Lines { get; set; } = new LineMap(string.Empty);
    public Dictionary<string, SourceObject> Parameters { get; } = new Dictionary<string, SourceObject>(StringComparer.Ordinal);
    public Dictionary<string, SourceObject> Resources { get; } = new Dictionary<string, SourceObject>(StringComparer.Ordinal);
    public Dictionary<string, SourceNode> Conditions { get; } = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
    public SourceObject? Mappings { get; }

    /// <summary>Values given from outside (--parameters, the config's account and region); they win over defaults.</summary>
    public Dictionary<string, string> Given { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Parameters marked NoEcho whose values are known: they are secrets and never printed.</summary>
    public List<string> SecretValues { get; } = new List<string>();

    /// <summary>The value of a parameter or pseudo parameter, or null when it is not known.</summary>
    public SourceNode? Value(string name)
    {
        var span = SourceSpan.FileStart;
        if (Given.TryGetValue(name, out var given)) return Typed(name, given, span);
        if (Parameters.TryGetValue(name, out var p) && p.Get("Default")?.Value is SourceScalar d && d.Kind != NodeKind.Null) return Typed(name, d.Text, d.Span);
        if (name == "AWS::Partition") return new SourceScalar(span, NodeKind.String, Partition);
        if (name == "AWS::URLSuffix") return new SourceScalar(span, NodeKind.String, Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com");
        return null;
    }

    public string Partition
    {
        get
        {
            string region = Given.TryGetValue("AWS::Region", out var r) ? r : string.Empty;
            return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        }
    }

    private SourceNode Typed(string name, string value, SourceSpan span)
    {
        string type = Parameters.TryGetValue(name, out var p) && p.Get("Type")?.Value is SourceScalar t ? t.Text : "String";
        if (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal))
        {
            var items = new List<SourceNode>();
            foreach (var part in value.Split(',')) items.Add(new SourceScalar(span, NodeKind.String, part.Trim()));
            return new SourceArray(span, items);
        }
        return new SourceScalar(span, NodeKind.String, value);
    }

    public SourceNode? Lookup(string map, string top, string second)
        => Mappings?.Get(map)?.Value is SourceObject m && m.Get(top)?.Value is SourceObject t ? t.Get(second)?.Value : null;

    public string Type(string logicalId)
        => Resources.TryGetValue(logicalId, out var r) && r.Get("Type")?.Value is SourceScalar t ? t.Text : string.Empty;

    private string? Literal(string logicalId, string property)
        => Resources.TryGetValue(logicalId, out var r) && r.Get("Properties")?.Value is SourceObject props && props.Get(property)?.Value is SourceScalar s
           && s.Kind == NodeKind.String ? s.Text : null;

    private string? Account => Given.TryGetValue("AWS::AccountId", out var a) ? a : null;

    /// <summary>What Ref returns for an IAM resource of the template, when it can be known before deployment.</summary>
    public string? ResourceRef(string logicalId)
    {
        switch (Type(logicalId))
        {
            case "AWS::IAM::Role":
                return Literal(logicalId, "RoleName");
            case "AWS::IAM::ManagedPolicy":
            {
                string? name = Literal(logicalId, "ManagedPolicyName");
                string path = Literal(logicalId, "Path") ?? "/";
                return name != null && Account != null ? $"arn:{Partition}:iam::{Account}:policy{path}{name}" : null;
            }
            default:
                return null;
        }
    }

    /// <summary>Fn::GetAtt for an IAM role's Arn or RoleId-free attributes, when known before deployment.</summary>
    public string? Attribute(string logicalId, string attribute, SourceSpan span)
    {
        if (!Resources.ContainsKey(logicalId)) throw new ProblemException($"Fn::GetAtt names \"{logicalId}\", which is not a resource of the template", span);
        if (Type(logicalId) != "AWS::IAM::Role" || Account == null) return null;
        string? name = Literal(logicalId, "RoleName");
        if (name == null) return null;
        string path = Literal(logicalId, "Path") ?? "/";
        return attribute == "Arn" ? $"arn:{Partition}:iam::{Account}:role{path}{name}" : null;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Facts;

namespace PolicyCheck.Cli;

/// <summary>What `policycheck init` needs to know.</summary>
public sealed class ScaffoldRequest
{
    public bool SelfHosted { get; set; }
    public string? Principal { get; set; }
    public List<string> Features { get; } = new List<string>();
    public string Region { get; set; } = string.Empty;
    public string Account { get; set; } = string.Empty;
    public string Workspace { get; set; } = string.Empty;
    public string? ExternalId { get; set; }
}

/// <summary>
/// Writes the right policies for a Portkey → Claude Platform on AWS role: permission policy, trust policy, the same as
/// a CloudFormation snippet and a Terraform snippet, and a policycheck.yml describing the gateway.
/// </summary>
public static class Scaffold
{
    public const string PermissionFile = "permission-policy.json";
    public const string TrustFile = "trust-policy.json";
    public const string CloudFormationFile = "portkey-role.cloudformation.yaml";
    public const string TerraformFile = "portkey-role.tf";
    public const string ConfigFile = "policycheck.yml";

    public static string NewExternalId()
    {
        var bytes = new byte[16];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
        return "portkey-" + Convert.ToHexString(bytes).ToLowerInvariant();
    }

    /// <summary>File name → content. The caller has validated the request.</summary>
    public static SortedDictionary<string, string> Files(ScaffoldRequest r, ServiceFacts facts)
    {
        string principal = r.SelfHosted ? r.Principal! : facts.Portkey.HostedPrincipal;
        string externalId = r.ExternalId ?? NewExternalId();
        string workspaceArn = $"arn:aws:{facts.Namespace}:{r.Region}:{r.Account}:workspace/{r.Workspace}";
        var workspaceActions = new List<string>();
        var accountActions = new List<string>();
        foreach (var name in r.Features)
        {
            var feature = facts.FindFeature(name)!;
            foreach (var a in feature.Actions)
            {
                var fact = facts.FindAction(a);
                var list = fact != null && fact.Scope == ResourceScope.Account ? accountActions : workspaceActions;
                string q = facts.Qualified(a);
                if (!list.Contains(q)) list.Add(q);
            }
        }
        string permission = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("Version", "2012-10-17");
            w.WriteStartArray("Statement");
            if (workspaceActions.Count > 0) Statement(w, "ClaudePlatformWorkspace", workspaceActions, workspaceArn);
            if (accountActions.Count > 0) Statement(w, "ClaudePlatformAccount", accountActions, "*");
            w.WriteEndArray();
            w.WriteEndObject();
        });
        string trust = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("Version", "2012-10-17");
            w.WriteStartArray("Statement");
            w.WriteStartObject();
            w.WriteString("Sid", "PortkeyGateway");
            w.WriteString("Effect", "Allow");
            w.WriteStartObject("Principal");
            w.WriteString("AWS", principal);
            w.WriteEndObject();
            w.WriteString("Action", "sts:AssumeRole");
            w.WriteStartObject("Condition");
            w.WriteStartObject("StringEquals");
            w.WriteString("sts:ExternalId", externalId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [PermissionFile] = permission,
            [TrustFile] = trust,
            [CloudFormationFile] = CloudFormation(principal, externalId, workspaceActions, accountActions, workspaceArn),
            [TerraformFile] = Terraform(trust, permission),
            [ConfigFile] = Config(r),
        };
    }

    private static void Statement(Utf8JsonWriter w, string sid, List<string> actions, string resource)
    {
        w.WriteStartObject();
        w.WriteString("Sid", sid);
        w.WriteString("Effect", "Allow");
        w.WriteStartArray("Action");
        foreach (var a in actions) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteString("Resource", resource);
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static string CloudFormation(string principal, string externalId, List<string> workspaceActions, List<string> accountActions, string workspaceArn)
    {
        var sb = new StringBuilder();
        sb.Append("# The IAM role Portkey assumes to call Claude Platform on AWS (generated by policycheck init).\n");
        sb.Append("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  PortkeyClaudePlatformRole:\n    Type: AWS::IAM::Role\n    Properties:\n");
        sb.Append("      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n");
        sb.Append("          - Sid: PortkeyGateway\n            Effect: Allow\n            Principal:\n              AWS: ").Append(principal).Append('\n');
        sb.Append("            Action: sts:AssumeRole\n            Condition:\n              StringEquals:\n                sts:ExternalId: \"").Append(externalId).Append("\"\n");
        sb.Append("      Policies:\n        - PolicyName: ClaudePlatformOnAws\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n");
        void Block(string sid, List<string> actions, string resource)
        {
            if (actions.Count == 0) return;
            sb.Append("              - Sid: ").Append(sid).Append("\n                Effect: Allow\n                Action:\n");
            foreach (var a in actions) sb.Append("                  - ").Append(a).Append('\n');
            sb.Append("                Resource: \"").Append(resource).Append("\"\n");
        }
        Block("ClaudePlatformWorkspace", workspaceActions, workspaceArn);
        Block("ClaudePlatformAccount", accountActions, "*");
        sb.Append("Outputs:\n  RoleArn:\n    Description: Enter this in Portkey's Claude Platform on AWS integration.\n    Value: !GetAtt PortkeyClaudePlatformRole.Arn\n");
        return sb.ToString();
    }

    private static string Terraform(string trust, string permission)
    {
        var sb = new StringBuilder();
        sb.Append("# The IAM role Portkey assumes to call Claude Platform on AWS (generated by policycheck init).\n");
        sb.Append("resource \"aws_iam_role\" \"portkey_claude_platform\" {\n  name               = \"portkey-claude-platform\"\n  assume_role_policy = <<-POLICY\n");
        foreach (var line in trust.TrimEnd('\n').Split('\n')) sb.Append("    ").Append(line).Append('\n');
        sb.Append("  POLICY\n}\n\n");
        sb.Append("resource \"aws_iam_role_policy\" \"claude_platform\" {\n  name   = \"claude-platform-on-aws\"\n  role   = aws_iam_role.portkey_claude_platform.id\n  policy = <<-POLICY\n");
        foreach (var line in permission.TrimEnd('\n').Split('\n')) sb.Append("    ").Append(line).Append('\n');
        sb.Append("  POLICY\n}\n\noutput \"role_arn\" {\n  description = \"Enter this in Portkey's Claude Platform on AWS integration.\"\n  value       = aws_iam_role.portkey_claude_platform.arn\n}\n");
        return sb.ToString();
    }

    private static string Config(ScaffoldRequest r)
    {
        var sb = new StringBuilder();
        sb.Append("# What the gateway needs (generated by policycheck init). The external ID is in trust-policy.json only.\n");
        sb.Append("gateway:\n  deployment: ").Append(r.SelfHosted ? "self-hosted" : "hosted").Append('\n');
        if (r.SelfHosted) sb.Append("  principals: [\"").Append(r.Principal).Append("\"]\n");
        sb.Append("  features: [").Append(string.Join(", ", r.Features)).Append("]\n");
        sb.Append("  region: ").Append(r.Region).Append('\n');
        sb.Append("  account: \"").Append(r.Account).Append("\"\n");
        sb.Append("  workspace: ").Append(r.Workspace).Append('\n');
        sb.Append("  externalId:\n    required: true\n");
        return sb.ToString();
    }
}

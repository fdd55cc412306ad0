using System;
using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Facts;

namespace PolicyCheck.Rules.Permissions;

/// <summary>What is wrong with a workspace ARN: one check for PC2004 in policies and PC5004 in C# code.</summary>
public static class WorkspaceArns
{
    /// <summary>
    /// Why <paramref name="raw"/> is not the workspace ARN it means to be; empty when it is fine or is not about
    /// workspaces. <paramref name="fixedArn"/> is the corrected value when there is one (the right service, the ARN
    /// around a bare workspace ID with the configured region and account).
    /// </summary>
    public static string Problem(ServiceFacts facts, string raw, string? region, string? account, out string? fixedArn)
    {
        fixedArn = null;
        string v = Access.ReplaceVariables(raw);
        if (v == "*") return string.Empty;
        if (!v.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (v.StartsWith("wrkspc_", StringComparison.Ordinal))
            {
                fixedArn = $"arn:aws:{facts.Namespace}:{region ?? "REGION"}:{account ?? "ACCOUNT"}:workspace/{raw}";
                return $"\"{raw}\" is a workspace ID; Resource needs the workspace ARN";
            }
            return string.Empty;
        }
        var arn = Arn.TryParse(v);
        if (arn == null)
        {
            return v.IndexOf(facts.Namespace, StringComparison.Ordinal) >= 0 || v.IndexOf("wrkspc_", StringComparison.Ordinal) >= 0
                ? $"\"{raw}\" is not a complete ARN; workspace ARNs have six ':'-separated parts (arn:aws:{facts.Namespace}:REGION:ACCOUNT:workspace/ID)"
                : string.Empty;
        }
        bool ours = string.Equals(arn.Service, facts.Namespace, StringComparison.Ordinal);
        bool looksLikeWorkspace = arn.Resource.StartsWith("workspace/", StringComparison.Ordinal) || arn.Resource.IndexOf("wrkspc_", StringComparison.Ordinal) >= 0;
        if (!ours && !looksLikeWorkspace) return string.Empty;
        if (!ours)
        {
            fixedArn = $"arn:{arn.Partition}:{facts.Namespace}:{arn.Region}:{arn.Account}:{arn.Resource}";
            return $"the ARN names service \"{arn.Service}\"; Claude Platform workspace ARNs use \"{facts.Namespace}\"";
        }
        if (!Wildcard.HasWildcard(arn.Partition) && !Contains(facts.Partitions, arn.Partition))
        {
            return $"\"{arn.Partition}\" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)";
        }
        if (arn.Region.Length == 0) return "the region part is empty; workspace ARNs always carry the workspace's region";
        if (!Wildcard.HasWildcard(arn.Region) && !Arn.IsRegionShape(arn.Region)) return $"\"{arn.Region}\" is not a region (expected a name such as us-west-2)";
        if (arn.Account.Length == 0) return "the account part is empty; workspace ARNs carry the 12-digit account ID";
        if (!Wildcard.HasWildcard(arn.Account) && !Arn.IsAccountId(arn.Account)) return $"\"{arn.Account}\" is not a 12-digit AWS account ID";
        if (arn.Resource == "*") return string.Empty;
        if (!arn.Resource.StartsWith("workspace/", StringComparison.Ordinal))
        {
            if (Wildcard.Match(arn.Resource, "workspace/wrkspc_0", ignoreCase: false)) return string.Empty;
            return $"\"{arn.Resource}\" is not a workspace resource; the only resource type is workspace/ID";
        }
        string id = arn.Resource.Substring("workspace/".Length);
        if (id.Length == 0) return "the workspace ID is empty";
        if (!Wildcard.HasWildcard(id) && !Regex.IsMatch(id, facts.WorkspaceIdPattern, RegexOptions.CultureInvariant))
        {
            return $"\"{id}\" is not a workspace ID; IDs look like wrkspc_01AbCdEf23GhIj";
        }
        return string.Empty;
    }

    /// <summary>A workspace ARN under bedrock: (or another known wrong name), without variables: the service is the only thing to change.</summary>
    public static bool OnlyTheServiceIsWrong(ServiceFacts facts, string raw)
    {
        var arn = Arn.TryParse(raw);
        return arn != null && raw == Access.ReplaceVariables(raw) && arn.Resource.StartsWith("workspace/", StringComparison.Ordinal)
            && facts.WrongNames.IsWrongNamespace(arn.Service);
    }

    private static bool Contains(System.Collections.Generic.IReadOnlyList<string> list, string value)
    {
        foreach (var x in list) if (x == value) return true;
        return false;
    }
}

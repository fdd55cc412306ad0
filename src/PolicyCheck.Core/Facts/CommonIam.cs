using System;
using System.Collections.Generic;

namespace PolicyCheck.Facts;

/// <summary>
/// The IAM names every gateway policy uses (global condition keys, the STS trust actions and keys), known without
/// loading the full AWS catalogue, so a lint of Claude Platform and trust policies stays fast. The global keys mirror
/// tools/catalog/global-keys.json (a test compares them).
/// </summary>
public static class CommonIam
{
    public static readonly IReadOnlyDictionary<string, string> GlobalKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["aws:AssumedRoot"] = "Bool",
        ["aws:CalledVia"] = "ArrayOfString",
        ["aws:CalledViaFirst"] = "String",
        ["aws:CalledViaLast"] = "String",
        ["aws:ChatbotSourceArn"] = "ARN",
        ["aws:CurrentTime"] = "Date",
        ["aws:Ec2InstanceSourcePrivateIPv4"] = "IPAddress",
        ["aws:Ec2InstanceSourceVpc"] = "String",
        ["aws:EpochTime"] = "Date",
        ["aws:FederatedProvider"] = "String",
        ["aws:MultiFactorAuthAge"] = "Numeric",
        ["aws:MultiFactorAuthPresent"] = "Bool",
        ["aws:PrincipalAccount"] = "String",
        ["aws:PrincipalArn"] = "ARN",
        ["aws:PrincipalIsAWSService"] = "Bool",
        ["aws:PrincipalOrgID"] = "String",
        ["aws:PrincipalOrgPaths"] = "ArrayOfString",
        ["aws:PrincipalServiceName"] = "String",
        ["aws:PrincipalServiceNamesList"] = "ArrayOfString",
        ["aws:PrincipalTag/${TagKey}"] = "String",
        ["aws:PrincipalType"] = "String",
        ["aws:RequestTag/${TagKey}"] = "String",
        ["aws:RequestedRegion"] = "String",
        ["aws:ResourceAccount"] = "String",
        ["aws:ResourceOrgID"] = "String",
        ["aws:ResourceOrgPaths"] = "ArrayOfString",
        ["aws:ResourceTag/${TagKey}"] = "String",
        ["aws:SecureTransport"] = "Bool",
        ["aws:SourceAccount"] = "String",
        ["aws:SourceArn"] = "ARN",
        ["aws:SourceIdentity"] = "String",
        ["aws:SourceIp"] = "IPAddress",
        ["aws:SourceOrgID"] = "String",
        ["aws:SourceOrgPaths"] = "ArrayOfString",
        ["aws:SourceVpc"] = "String",
        ["aws:SourceVpcArn"] = "ARN",
        ["aws:SourceVpce"] = "String",
        ["aws:TagKeys"] = "ArrayOfString",
        ["aws:TokenIssueTime"] = "Date",
        ["aws:UserAgent"] = "String",
        ["aws:ViaAWSService"] = "Bool",
        ["aws:VpcSourceIp"] = "IPAddress",
        ["aws:referer"] = "String",
        ["aws:userid"] = "String",
        ["aws:username"] = "String",
    };

    public static readonly IReadOnlyDictionary<string, string> StsKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sts:ExternalId"] = "String",
        ["sts:RoleSessionName"] = "String",
        ["sts:SourceIdentity"] = "String",
        ["sts:TransitiveTagKeys"] = "ArrayOfString",
    };

    public static readonly ISet<string> StsActions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession", "SetSourceIdentity", "SetContext",
        "GetWebIdentityToken", "TagGetWebIdentityToken",
    };

    public static bool IsStsAction(string prefix, string name)
        => string.Equals(prefix, "sts", StringComparison.OrdinalIgnoreCase) && StsActions.Contains(name);

    /// <summary>The type of a common key (global keys by their fixed prefix too), or null.</summary>
    public static string? KeyType(string key)
    {
        if (StsKeys.TryGetValue(key, out var s)) return s;
        if (GlobalKeys.TryGetValue(key, out var g)) return g;
        foreach (var kv in GlobalKeys)
        {
            int v = kv.Key.IndexOf("${", StringComparison.Ordinal);
            if (v > 0 && key.Length > v && string.Compare(key, 0, kv.Key, 0, v, StringComparison.OrdinalIgnoreCase) == 0) return kv.Value;
        }
        return null;
    }
}

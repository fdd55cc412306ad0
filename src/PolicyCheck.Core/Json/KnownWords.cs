namespace PolicyCheck.Json;

/// <summary>
/// The property names and values every policy, template and plan repeats ("Effect", "Allow", "sts:AssumeRole"): one
/// string each for the whole run instead of one per occurrence. A lookup compares the text in full.
/// </summary>
internal static class KnownWords
{
    private static readonly string[] Words =
    {
        "Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal",
        "Condition", "AWS", "Service", "Federated", "CanonicalUser", "Allow", "Deny", "2012-10-17", "2008-10-17", "*",
        "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:ExternalId",
        "StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "ArnLike", "ArnEquals",
        "ArnNotLike", "ArnNotEquals", "IpAddress", "NotIpAddress", "Bool", "Null", "NumericEquals", "NumericLessThan",
        "DateGreaterThan", "DateLessThan", "ForAnyValue:StringLike", "ForAllValues:StringLike", "ForAnyValue:StringEquals",
        "ForAllValues:StringEquals", "aws:SourceIp", "aws:SecureTransport", "aws:PrincipalArn", "aws:PrincipalAccount",
        "aws:PrincipalOrgID", "aws:SourceVpc", "aws:SourceVpce", "aws:RequestedRegion", "aws:SourceAccount", "aws:SourceArn",
        "aws:MultiFactorAuthPresent", "aws:CurrentTime", "aws:TagKeys", "true", "false",
        "Type", "Properties", "Resources", "Parameters", "Outputs", "Ref", "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::If",
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "PolicyDocument", "AssumeRolePolicyDocument",
        "PolicyName", "Policies", "ManagedPolicyArns", "RoleName", "Roles", "Description", "Default",
        "format_version", "terraform_version", "resource_changes", "planned_values", "root_module", "resources", "address",
        "mode", "type", "name", "provider_name", "change", "actions", "before", "after", "after_unknown", "values", "policy",
        "assume_role_policy", "role", "managed", "create", "update", "no-op", "delete",
    };

    private const int Size = 512;
    private static readonly string?[] Table = Build();

    private static string?[] Build()
    {
        var table = new string?[Size];
        foreach (var w in Words)
        {
            int i = Slot(w, 0, w.Length);
            while (table[i] != null) i = (i + 1) & (Size - 1);
            table[i] = w;
        }
        return table;
    }

    private static int Slot(string text, int start, int length)
        => (length * 131 + text[start] * 31 + text[start + length - 1] * 7 + text[start + (length >> 1)]) & (Size - 1);

    /// <summary>The known word text[start..start+length) spells, or null.</summary>
    public static string? Find(string text, int start, int length)
    {
        if (length == 0 || length > 32) return null;
        for (int i = Slot(text, start, length); ; i = (i + 1) & (Size - 1))
        {
            var w = Table[i];
            if (w == null) return null;
            if (w.Length == length && string.CompareOrdinal(text, start, w, 0, length) == 0) return w;
        }
    }
}

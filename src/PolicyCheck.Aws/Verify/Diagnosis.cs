using System;
using System.Text.RegularExpressions;

namespace PolicyCheck.Aws.Verify;

/// <summary>
/// Maps an AWS/Claude/Portkey failure to its cause and fix — the seed's troubleshooting table and the other
/// failures a careful engineer would recognise. Classified by x-amzn-errortype first, then by the body.
/// </summary>
public static class Diagnosis
{
    public static (string Cause, string Fix) Explain(int status, string? errorType, string body, string region, string service, string? roleArn)
    {
        string type = errorType ?? string.Empty;
        string text = body ?? string.Empty;
        bool Has(string s) => text.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0 || type.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0;

        if (Has("Outbound web identity federation is disabled") || Has("FeatureDisabled"))
            return ("Outbound web identity federation is disabled on the AWS account",
                "run `aws iam enable-outbound-web-identity-federation` in the account that owns the role");
        if (Has("ExpiredToken") || Has("security token included in the request is expired"))
            return ("the credentials have expired", "refresh the credentials (aws sso login, or new temporary credentials) and run verify again");
        if (Has("InvalidSignature") || Has("SignatureDoesNotMatch") || Has("signature we calculated does not match") || Has("Invalid signature") || Has("IncompleteSignature"))
            return ($"invalid signature: the request was signed for service \"{service}\" in region \"{region}\"",
                service == Facts.BuiltIn.Service.SigningName || Facts.BuiltIn.Service.WrongNames.IsWrongSigningName(service)
                    ? $"sign with the service name aws-external-anthropic and the workspace's region (used: {region}); check that the region matches the workspace and that the role ARN and credentials are right"
                    : $"check the credentials (secret key, session token) and the machine's clock; the request was signed for {service} in {region}");
        if (Has("UnrecognizedClient") || Has("InvalidClientTokenId") || Has("security token included in the request is invalid"))
            return ("the access key is not valid", "check the credentials (profile, environment variables) used to run verify");
        if (Has("Trust policy") || (Has("sts:AssumeRole") && (Has("not authorized") || Has("AccessDenied"))))
            return ($"the trust policy of {roleArn ?? "the role"} does not let this caller assume it with this external ID",
                "add the gateway's principal (hosted Portkey: arn:aws:iam::299329113195:role/portkey-app) with sts:AssumeRole and a StringEquals sts:ExternalId condition (see PC3001, PC3011)");
        var denied = Regex.Match(text, @"not authorized to perform:?\s*([\w-]+:[\w*]+)(?:\s+on resource:?\s*(\S+?))?(?:[\s""',<]|$)");
        if (denied.Success || Has("AccessDenied") || status == 403)
        {
            string action = denied.Success ? denied.Groups[1].Value : "the action";
            string resource = denied.Success && denied.Groups[2].Success ? " on " + denied.Groups[2].Value.TrimEnd('.') : string.Empty;
            return ($"access denied: {action}{resource} is not allowed for {roleArn ?? "the caller"}",
                $"make the role's permission policy allow {action} on the workspace ARN (aws-external-anthropic:* actions, see PC2002/PC2007), and check SCPs and permissions boundaries");
        }
        if (Has("ThrottlingException") || Has("Throttling") || Has("TooManyRequests") || status == 429)
            return ("throttled: too many requests", "retry later, or lower the request rate");
        if (Has("ResourceNotFound") || (status == 404 && (Has("workspace") || Has("not_found_error"))))
            return ("the workspace was not found in this region", "check the workspace ID (wrkspc_…) and that the region is the workspace's region");
        if (status >= 500)
            return ($"the service answered HTTP {status}", "a service-side error: retry later; if it persists, contact AWS support with the request ID");
        if (status == 400)
            return ($"the request was rejected (HTTP 400): {Short(text)}", "check the workspace ID, the model name and the region");
        return ($"HTTP {status}: {Short(text)}", "see the response above");
    }

    public static string Short(string s)
    {
        s = s.Replace('\n', ' ').Replace('\r', ' ').Trim();
        return s.Length > 200 ? s.Substring(0, 200) + "…" : s;
    }
}

using System;
using System.Text.RegularExpressions;
using PolicyCheck.Aws.Http;

namespace PolicyCheck.Aws.Verify;

/// <summary>The services verify talks to; each names its faults and fixes in its own terms.</summary>
public enum Upstream
{
    Iam,
    Sts,
    Claude,
    Portkey,
}

/// <summary>
/// Maps an AWS/Claude/Portkey failure to its cause and fix — the seed's troubleshooting table and the other
/// failures a careful engineer would recognise. Classified by x-amzn-errortype first, then by the body, and always
/// for the service that answered: only a credential error says "credentials".
/// </summary>
public static class Diagnosis
{
    public static string Name(Upstream u) => u switch
    {
        Upstream.Iam => "IAM",
        Upstream.Sts => "STS",
        Upstream.Claude => "Claude Platform on AWS",
        _ => "Portkey",
    };

    /// <summary>The NAME in --endpoint-url NAME=URL.</summary>
    public static string Flag(Upstream u) => u switch
    {
        Upstream.Iam => "iam",
        Upstream.Sts => "sts",
        Upstream.Claude => "claude",
        _ => "portkey",
    };

    private static string Where(Upstream u) => u == Upstream.Claude
        ? "--region (the host is aws-external-anthropic.REGION.api.aws) or --endpoint-url claude=URL"
        : $"--endpoint-url {Flag(u)}=URL";

    /// <summary>A fault before any usable answer: one row per kind (the README's fault table).</summary>
    public static (string Cause, string Fix) Transport(Upstream u, FaultKind kind, string host)
    {
        string name = Name(u);
        return kind switch
        {
            FaultKind.Dns => ($"{name}: cannot resolve {host}", $"check the host name ({Where(u)}) and this machine's DNS"),
            FaultKind.Refused => ($"{name}: {host} refused the connection", $"check the endpoint's host and port ({Where(u)}) and any proxy or firewall on the way"),
            FaultKind.Reset => ($"{name}: {host} reset the connection", $"a proxy, firewall or TLS-inspecting middlebox is closing connections to {host}; retry, or run from a network that reaches it"),
            FaultKind.Tls => ($"{name}: the TLS handshake with {host} failed", "check the system's CA certificates and any TLS-inspecting proxy (an http:// server given as https:// fails this way too)"),
            FaultKind.Timeout => ($"{name}: no answer from {host} within the time allowed", $"raise --timeout (the whole run's budget, in seconds) or check the network path to {host}"),
            FaultKind.TooLarge => ($"{name}: {host}'s answer is larger than {Http.Transport.MaxResponseBytes / (1024 * 1024)} MiB, which no {name} answer is", $"check {Where(u)}: something other than {name} is answering"),
            FaultKind.Redirect => ($"{name}: {host} redirected the request; not followed, so credentials never go to another host", $"point {Where(u)} at the service itself, not at a redirecting proxy"),
            _ => ($"{name}: the connection to {host} failed", $"check the network and the endpoint ({Where(u)})"),
        };
    }

    /// <summary>A success status whose body is not the service's answer (a proxy, a captive portal, a wrong endpoint).</summary>
    public static (string Cause, string Fix) Garbled(Upstream u, int status, string expected, string body)
        => ($"{Name(u)} answered HTTP {status} but not {expected}: {Short(body)}",
            $"check {Where(u)}: a proxy or captive portal may be answering in the service's place");

    public static bool IsCredentialError(string? code) => code is "InvalidClientTokenId" or "UnrecognizedClient" or "UnrecognizedClientException"
        or "SignatureDoesNotMatch" or "IncompleteSignature" or "InvalidSignatureException" or "ExpiredToken" or "ExpiredTokenException"
        or "MissingAuthenticationToken" or "InvalidAccessKeyId";

    public static (string Cause, string Fix) Explain(Upstream u, int status, string? errorType, string body, string region, string? roleArn)
    {
        string type = errorType ?? string.Empty;
        string text = body ?? string.Empty;
        string name = Name(u);
        string service = u switch { Upstream.Iam => "iam", Upstream.Sts => "sts", _ => Facts.BuiltIn.Service.SigningName };
        bool Has(string s) => text.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0 || type.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0;

        if (Has("Outbound web identity federation is disabled") || Has("FeatureDisabled"))
            return ("Outbound web identity federation is disabled on the AWS account",
                "run `aws iam enable-outbound-web-identity-federation` in the account that owns the role");
        if (Has("ExpiredToken") || Has("security token included in the request is expired"))
            return ("the credentials have expired", "refresh the credentials (aws sso login, or new temporary credentials) and run verify again");
        if (Has("InvalidSignature") || Has("SignatureDoesNotMatch") || Has("signature we calculated does not match") || Has("Invalid signature") || Has("IncompleteSignature"))
            return ($"{name}: invalid signature: the request was signed for service \"{service}\" in region \"{region}\"",
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
            if (u == Upstream.Iam)
                return ($"IAM: access denied: {action}{resource} is not allowed for the caller running verify",
                    $"give the identity running verify {(denied.Success ? action : "iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:SimulatePrincipalPolicy and iam:GetOutboundWebIdentityFederationInfo")} (read-only IAM access)");
            return ($"access denied: {action}{resource} is not allowed for {roleArn ?? "the caller"}",
                $"make the role's permission policy allow {action} on the workspace ARN (aws-external-anthropic:* actions, see PC2002/PC2007), and check SCPs and permissions boundaries");
        }
        if (Has("ThrottlingException") || Has("Throttling") || Has("TooManyRequests") || Has("RequestLimitExceeded") || Has("rate_limit_error") || status == 429)
            return ($"{name} throttled the request (HTTP {status}) after retries", u == Upstream.Claude
                ? "retry later, or lower the request rate; check the workspace's rate limits"
                : "retry later, or lower the request rate");
        if (u == Upstream.Claude && (Has("ResourceNotFound") || (status == 404 && (Has("workspace") || Has("not_found_error")))))
            return ("the workspace was not found in this region", "check the workspace ID (wrkspc_…) and that the region is the workspace's region");
        if (status >= 500)
            return ($"{name} answered HTTP {status}", u == Upstream.Portkey
                ? "a Portkey or upstream-provider error: retry later; if it persists, send Portkey the trace ID"
                : "a service-side error: retry later; if it persists, contact AWS support with the request ID");
        if (status == 400 || status == 404)
        {
            string code = type.Length > 0 ? type + ": " : string.Empty;
            return u switch
            {
                Upstream.Iam => ($"IAM rejected the request (HTTP {status}): {code}{Short(text)}",
                    "check that --endpoint-url iam=URL is IAM's endpoint for the role's partition (InvalidAction: the endpoint does not know the call) and that --role-arn names the role"),
                Upstream.Sts => ($"STS rejected the request (HTTP {status}): {code}{Short(text)}",
                    "check that --endpoint-url sts=URL is an STS endpoint, and --role-arn and --external-id"),
                Upstream.Portkey => ($"Portkey rejected the request (HTTP {status}): {Short(text)}",
                    "check --portkey-model (@provider-slug/model of the Claude Platform on AWS integration) and the integration's settings in Portkey"),
                _ => ($"Claude Platform on AWS rejected the request (HTTP {status}): {Short(text)}", "check the workspace ID, the model name and the region"),
            };
        }
        return ($"{name}: HTTP {status}: {Short(text)}", "see the response above");
    }

    /// <summary>The first 200 characters on one line. Mask secrets before, never after: a cut can split a secret.</summary>
    public static string Short(string s)
    {
        s = s.Replace('\n', ' ').Replace('\r', ' ').Trim();
        return s.Length > 200 ? s.Substring(0, 200) + "…" : s;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace PolicyCheck.Aws.Signing;

/// <summary>A request to sign: method, the path and query as on the wire, headers in order, body.</summary>
public sealed class SignableRequest
{
    public SignableRequest(string method, string pathAndQuery)
    {
        Method = method;
        int q = pathAndQuery.IndexOf('?');
        Path = q >= 0 ? pathAndQuery.Substring(0, q) : pathAndQuery;
        Query = q >= 0 ? pathAndQuery.Substring(q + 1) : string.Empty;
    }

    public string Method { get; }
    public string Path { get; }
    public string Query { get; }
    public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
    public byte[] Body { get; set; } = Array.Empty<byte>();

    public SignableRequest Header(string name, string value)
    {
        Headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }
}

/// <summary>The outcome of signing: what to send, and the intermediate values (tests compare them with AWS's suite).</summary>
public sealed class SignedRequest
{
    public string CanonicalRequest { get; internal set; } = string.Empty;
    public string StringToSign { get; internal set; } = string.Empty;
    public string Signature { get; internal set; } = string.Empty;
    public string Authorization { get; internal set; } = string.Empty;
    public string SignedHeaders { get; internal set; } = string.Empty;
    /// <summary>Headers the signer added (X-Amz-Date, X-Amz-Security-Token, x-amz-content-sha256).</summary>
    public List<KeyValuePair<string, string>> AddedHeaders { get; } = new List<KeyValuePair<string, string>>();
}

/// <summary>
/// AWS Signature Version 4, header mode. The canonical request is built here (path normalization and double
/// encoding, query, headers — checked against AWS's SigV4 test suite); the signing key derivation and the
/// signature come from AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public sealed class Options
    {
        /// <summary>Remove "." and ".." segments and collapse "//" (every service but S3).</summary>
        public bool Normalize { get; set; } = true;
        /// <summary>Hash the body and send x-amz-content-sha256.</summary>
        public bool SignBody { get; set; }
        /// <summary>Add X-Amz-Security-Token after signing instead of signing it.</summary>
        public bool OmitSessionToken { get; set; }
    }

    public static SignedRequest Sign(SignableRequest request, ImmutableCredentials credentials, string region, string service, DateTime signedAt, Options? options = null)
    {
        options ??= new Options();
        signedAt = signedAt.ToUniversalTime();
        string amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var result = new SignedRequest();
        var headers = new List<KeyValuePair<string, string>>(request.Headers);
        void Add(string name, string value)
        {
            var kv = new KeyValuePair<string, string>(name, value);
            headers.Add(kv);
            result.AddedHeaders.Add(kv);
        }
        Add("X-Amz-Date", amzDate);
        bool token = credentials.UseToken && !string.IsNullOrEmpty(credentials.Token);
        if (token && !options.OmitSessionToken) Add("X-Amz-Security-Token", credentials.Token);
        string payloadHash = options.SignBody ? Hex(SHA256.HashData(request.Body)) : EmptyBodyHash;
        if (options.SignBody) Add("x-amz-content-sha256", payloadHash);

        result.CanonicalRequest = CanonicalRequest(request.Method, request.Path, request.Query, headers, payloadHash, options.Normalize, out string signedHeaders);
        result.SignedHeaders = signedHeaders;
        string scope = $"{amzDate.Substring(0, 8)}/{region}/{service}/aws4_request";
        result.StringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(result.CanonicalRequest)))}";

        var signing = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, signedHeaders, result.CanonicalRequest);
        result.Signature = signing.Signature;
        result.Authorization = signing.ForAuthorizationHeader;
        if (token && options.OmitSessionToken) result.AddedHeaders.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.Token));
        return result;
    }

    public static string CanonicalRequest(string method, string path, string query, IReadOnlyList<KeyValuePair<string, string>> headers, string payloadHash, bool normalize, out string signedHeaders)
    {
        // Headers: lower-case names, trimmed values with whitespace runs collapsed, repeats joined with ',' in order.
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var h in headers)
        {
            string name = h.Key.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(name, out var list)) byName[name] = list = new List<string>();
            list.Add(Collapse(h.Value));
        }
        var canonicalHeaders = new StringBuilder();
        var names = new List<string>();
        foreach (var kv in byName)
        {
            canonicalHeaders.Append(kv.Key).Append(':').Append(string.Join(",", kv.Value)).Append('\n');
            names.Add(kv.Key);
        }
        signedHeaders = string.Join(";", names);
        return $"{method}\n{CanonicalPath(path, normalize)}\n{CanonicalQuery(query)}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
    }

    public static string CanonicalPath(string path, bool normalize)
    {
        if (path.Length == 0) path = "/";
        if (normalize)
        {
            var segments = new List<string>();
            foreach (var s in path.Split('/'))
            {
                if (s.Length == 0 || s == ".") continue;
                if (s == "..")
                {
                    if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                    continue;
                }
                segments.Add(s);
            }
            bool trailing = path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal);
            path = "/" + string.Join("/", segments) + (trailing && segments.Count > 0 ? "/" : string.Empty);
        }
        var sb = new StringBuilder();
        var parts = path.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0) sb.Append('/');
            sb.Append(Encode(parts[i]));
        }
        return sb.ToString();
    }

    public static string CanonicalQuery(string query)
    {
        if (query.Length == 0) return string.Empty;
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var p in query.Split('&'))
        {
            if (p.Length == 0) continue;
            int eq = p.IndexOf('=');
            string name = eq >= 0 ? p.Substring(0, eq) : p;
            string value = eq >= 0 ? p.Substring(eq + 1) : string.Empty;
            pairs.Add(new KeyValuePair<string, string>(Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }
        pairs.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        var sb = new StringBuilder();
        foreach (var kv in pairs)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(kv.Key).Append('=').Append(kv.Value);
        }
        return sb.ToString();
    }

    /// <summary>RFC 3986: unreserved characters stay, every other UTF-8 byte becomes %XX (upper-case).</summary>
    public static string Encode(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Collapse(string value)
    {
        var sb = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value.Trim())
        {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

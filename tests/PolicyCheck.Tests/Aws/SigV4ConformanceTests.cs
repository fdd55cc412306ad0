using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using PolicyCheck.Aws.Signing;
using Xunit;

namespace PolicyCheck.Tests.Aws;

/// <summary>
/// AWS's Signature Version 4 test suite (../shared/conformance/sigv4/v4, from awslabs/aws-c-auth): every case's
/// canonical request, string to sign and signature in header mode, parsed by the suite's README rules.
/// </summary>
public sealed class SigV4ConformanceTests
{
    public static string SuiteFolder => Path.GetFullPath(Path.Combine(Lint.Repo, "..", "shared", "conformance", "sigv4", "v4"));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var dir in Directory.GetDirectories(SuiteFolder).OrderBy(d => d, StringComparer.Ordinal)) yield return new object[] { Path.GetFileName(dir) };
    }

    [Fact]
    public void TheSuiteIsThere() => Assert.Equal(38, Cases().Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void HeaderSigning_MatchesTheSuite(string name)
    {
        string dir = Path.Combine(SuiteFolder, name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "context.json")));
        var c = context.RootElement;
        var creds = c.GetProperty("credentials");
        var credentials = new ImmutableCredentials(creds.GetProperty("access_key_id").GetString(), creds.GetProperty("secret_access_key").GetString(),
            creds.TryGetProperty("token", out var t) ? t.GetString() : null);
        var request = Parse(File.ReadAllBytes(Path.Combine(dir, "request.txt")));
        var options = new SigV4.Options
        {
            Normalize = c.GetProperty("normalize").GetBoolean(),
            SignBody = c.TryGetProperty("sign_body", out var sb) && sb.GetBoolean(),
            OmitSessionToken = c.TryGetProperty("omit_session_token", out var o) && o.GetBoolean(),
        };
        var signedAt = DateTime.Parse(c.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var signed = SigV4.Sign(request, credentials, c.GetProperty("region").GetString()!, c.GetProperty("service").GetString()!, signedAt, options);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "header-canonical-request.txt")), signed.CanonicalRequest);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "header-string-to-sign.txt")), signed.StringToSign);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "header-signature.txt")), signed.Signature);
        Assert.Contains("Signature=" + signed.Signature, signed.Authorization);
        // The signed request lists the Authorization header the suite expects.
        string signedRequest = File.ReadAllText(Path.Combine(dir, "header-signed-request.txt"));
        Assert.Contains("Authorization:" + signed.Authorization, signedRequest.Replace("Authorization: ", "Authorization:"));
    }

    /// <summary>request.txt: "METHOD PATH HTTP/1.1", headers with folding, a blank line, the body.</summary>
    public static SignableRequest Parse(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        int bodyAt = text.IndexOf("\n\n", StringComparison.Ordinal);
        string head = bodyAt >= 0 ? text.Substring(0, bodyAt) : text;
        string body = bodyAt >= 0 ? text.Substring(bodyAt + 2) : string.Empty;
        var lines = head.Split('\n');
        string first = lines[0];
        int sp = first.IndexOf(' ');
        string method = first.Substring(0, sp);
        string path = first.Substring(sp + 1, first.LastIndexOf(" HTTP/1.1", StringComparison.Ordinal) - sp - 1);
        var request = new SignableRequest(method, path) { Body = Encoding.UTF8.GetBytes(body) };
        string? name = null;
        var value = new StringBuilder();
        void Flush()
        {
            if (name != null) request.Header(name, value.ToString());
            name = null;
            value.Clear();
        }
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) break;
            if (char.IsWhiteSpace(line[0]) && name != null)
            {
                value.Append(' ').Append(line.Trim());
                continue;
            }
            Flush();
            int colon = line.IndexOf(':');
            name = line.Substring(0, colon);
            value.Append(line.Substring(colon + 1));
        }
        Flush();
        return request;
    }
}

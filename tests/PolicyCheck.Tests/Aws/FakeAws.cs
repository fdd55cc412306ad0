using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using PolicyCheck.Aws.Signing;

namespace PolicyCheck.Tests.Aws;

/// <summary>A request as the fake service received it.</summary>
public sealed class FakeRequest
{
    public string Method { get; init; } = string.Empty;
    public string Path { get; init; } = string.Empty;
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string Body { get; init; } = string.Empty;
    public Dictionary<string, string> Form { get; init; } = new(StringComparer.Ordinal);
    /// <summary>From the Authorization header's credential scope.</summary>
    public string? SignedService { get; init; }
    public string? SignedRegion { get; init; }
    public string[] SignedHeaders { get; init; } = Array.Empty<string>();
}

public sealed class FakeResponse
{
    public int Status { get; init; } = 200;
    public string Body { get; init; } = string.Empty;
    public string ContentType { get; init; } = "text/xml";
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public TimeSpan Delay { get; init; }
    /// <summary>Send the body chunked, without a Content-Length.</summary>
    public bool Chunked { get; init; }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for IAM, STS, Claude Platform or Portkey. Like the real services it
/// checks each request's SigV4 signature (access key, secret, service name, region, signed headers, session token)
/// and answers 403 SignatureDoesNotMatch when it is wrong.
/// </summary>
public sealed class FakeAws : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<FakeRequest, FakeResponse> _handler;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();

    public FakeAws(string service, string region, Func<FakeRequest, FakeResponse> handler, bool checkSignature = true)
    {
        Service = service;
        Region = region;
        _handler = handler;
        CheckSignature = checkSignature;
        // A free port can be taken by another test between choosing it and listening on it: choose again.
        for (int attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            try
            {
                listener.Prefixes.Add(url.ToString());
                listener.Start();
                _listener = listener;
                Url = url;
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
        _ = Task.Run(Loop);
    }

    public const string AccessKey = "AKIDPOLICYCHECKTEST";
    public const string SecretKey = "Secret/PolicyCheck+Test0123456789abcdefSECRET";
    public const string SessionToken = "FwoGZXIvYXdzEPolicyCheckSessionTokenSECRETvalue0123456789==";

    public string Service { get; }
    public string Region { get; }
    public bool CheckSignature { get; }
    public Uri Url { get; }
    /// <summary>Secrets of credentials this fake has handed out (AssumeRole): accepted for signing too.</summary>
    public ConcurrentDictionary<string, (string Secret, string? Token)> Keys { get; } = new(new Dictionary<string, (string, string?)> { [AccessKey] = (SecretKey, SessionToken) });
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();
    public ConcurrentQueue<string> SignatureFailures { get; } = new();

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string? key in context.Request.Headers.AllKeys)
            {
                if (key != null) headers[key] = context.Request.Headers[key] ?? string.Empty;
            }
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            if ((headers.TryGetValue("Content-Type", out var ct) && ct.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)))
            {
                foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = pair.IndexOf('=');
                    form[Uri.UnescapeDataString(pair.Substring(0, eq < 0 ? pair.Length : eq))] = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                }
            }
            string raw = context.Request.RawUrl ?? "/";
            var (ok, why, service, region, signed) = Verify(context.Request.HttpMethod, raw, headers, body);
            var request = new FakeRequest { Method = context.Request.HttpMethod, Path = raw, Headers = headers, Body = body, Form = form, SignedService = service, SignedRegion = region, SignedHeaders = signed };
            Requests.Enqueue(request);
            FakeResponse response;
            if (CheckSignature && !ok)
            {
                SignatureFailures.Enqueue(why);
                response = new FakeResponse
                {
                    Status = 403,
                    Body = $"<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. {why}</Message></Error><RequestId>sig-0001</RequestId></ErrorResponse>",
                    Headers = { ["x-amzn-errortype"] = "InvalidSignatureException" },
                };
            }
            else
            {
                response = _handler(request);
            }
            if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay).ConfigureAwait(false);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var h in response.Headers) context.Response.Headers[h.Key] = h.Value;
            byte[] bytes = Encoding.UTF8.GetBytes(response.Body);
            if (response.Chunked) context.Response.SendChunked = true;
            else context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Recomputes the SigV4 signature of a received request with the known secret.</summary>
    private (bool Ok, string Why, string? Service, string? Region, string[] Signed) Verify(string method, string rawUrl, Dictionary<string, string> headers, string body)
    {
        if (!headers.TryGetValue("Authorization", out var auth) || !auth.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            return (false, "no SigV4 Authorization header", null, null, Array.Empty<string>());
        string Part(string name)
        {
            int i = auth.IndexOf(name + "=", StringComparison.Ordinal);
            if (i < 0) return string.Empty;
            int end = auth.IndexOf(',', i);
            return (end < 0 ? auth.Substring(i + name.Length + 1) : auth.Substring(i + name.Length + 1, end - i - name.Length - 1)).Trim();
        }
        var credential = Part("Credential").Split('/');
        var signedHeaders = Part("SignedHeaders").Split(';');
        string signature = Part("Signature");
        if (credential.Length != 5) return (false, "malformed Credential", null, null, signedHeaders);
        string key = credential[0], date = credential[1], region = credential[2], service = credential[3];
        if (!Keys.TryGetValue(key, out var secret)) return (false, "unknown access key", service, region, signedHeaders);
        if (service != Service) return (false, $"signed for service '{service}', expected '{Service}'", service, region, signedHeaders);
        if (region != Region) return (false, $"signed for region '{region}', expected '{Region}'", service, region, signedHeaders);
        foreach (var required in new[] { "host", "x-amz-date" })
        {
            if (!signedHeaders.Contains(required)) return (false, $"{required} is not signed", service, region, signedHeaders);
        }
        if (secret.Token != null && (!headers.TryGetValue("X-Amz-Security-Token", out var token) || token != secret.Token))
            return (false, "the session token is missing or wrong", service, region, signedHeaders);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var h in signedHeaders)
        {
            if (!headers.TryGetValue(h, out var value)) return (false, $"signed header {h} was not sent", service, region, signedHeaders);
            list.Add(new(h, value));
        }
        string payload = headers.TryGetValue("x-amz-content-sha256", out var declared) ? declared : SigV4.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (payload != "UNSIGNED-PAYLOAD" && payload != SigV4.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))))
            return (false, "x-amz-content-sha256 does not match the body", service, region, signedHeaders);
        int q = rawUrl.IndexOf('?');
        string canonical = SigV4.CanonicalRequest(method, q >= 0 ? rawUrl.Substring(0, q) : rawUrl, q >= 0 ? rawUrl.Substring(q + 1) : string.Empty, list, payload, true, out string signedList);
        var when = DateTime.ParseExact(headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(key, secret.Secret, region, when, service, signedList, canonical);
        return expected.Signature == signature ? (true, string.Empty, service, region, signedHeaders) : (false, "signature mismatch", service, region, signedHeaders);
    }

    public static FakeResponse Xml(string body, int status = 200, string requestId = "req-0001")
        => new FakeResponse { Status = status, Body = body, Headers = { ["x-amzn-RequestId"] = requestId } };

    public static FakeResponse IamError(string code, string message, int status, string requestId = "err-0001")
        => Xml($"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>", status, requestId);

    public static string SecurityElement(string s) => System.Security.SecurityElement.Escape(s) ?? s;

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (System.Net.HttpListenerException)
        {
            // Closing can race with another listener taking the port ("Address already in use"); the server is stopped either way.
        }
    }
}

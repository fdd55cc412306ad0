using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using PolicyCheck.Aws.Signing;

namespace PolicyCheck.Aws.Http;

/// <summary>A response, with what the diagnosis needs: status, body, AWS error type and request ID.</summary>
public sealed class AwsResponse
{
    public int Status { get; init; }
    public string Body { get; init; } = string.Empty;
    public string? ErrorType { get; init; }
    public string? RequestId { get; init; }
    public int Attempts { get; init; }
    public bool IsSuccess => Status >= 200 && Status < 300;
}

/// <summary>The call did not get an answer: timeout, connection refused, a redirect, the total time budget spent.</summary>
public sealed class AwsTransportException : Exception
{
    public AwsTransportException(FaultKind kind, string host, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        Host = host;
    }

    public FaultKind Kind { get; }
    public string Host { get; }
}

/// <summary>
/// Sends SigV4-signed HTTP requests: signs each attempt afresh, retries throttling and 5xx with exponential backoff
/// and full jitter, and never runs past the deadline it was given.
/// </summary>
public sealed class AwsCaller
{
    private readonly HttpClient _http;
    private readonly Func<ImmutableCredentials> _credentials;
    private readonly Random _random = new Random();

    public AwsCaller(HttpClient http, Func<ImmutableCredentials> credentials)
    {
        _http = http;
        _credentials = credentials;
    }

    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
    public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

    public async Task<AwsResponse> SendAsync(HttpMethod method, Uri url, string region, string service, IReadOnlyList<KeyValuePair<string, string>> headers,
        byte[] body, string? contentType, DateTime deadline, CancellationToken cancel)
    {
        int attempt = 0;
        while (true)
        {
            attempt++;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) throw new AwsTransportException(FaultKind.Timeout, url.Host, $"no answer from {url.Host} within the time allowed");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(remaining);
            AwsResponse response;
            try
            {
                using var message = Build(method, url, region, service, headers, body, contentType);
                using var reply = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
                string text = await reply.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                response = new AwsResponse
                {
                    Status = (int)reply.StatusCode,
                    Body = text,
                    ErrorType = First(reply, "x-amzn-errortype")?.Split(':')[0],
                    RequestId = First(reply, "x-amzn-requestid") ?? First(reply, "x-amz-request-id") ?? First(reply, "request-id"),
                    Attempts = attempt,
                };
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                throw new AwsTransportException(FaultKind.Timeout, url.Host, $"no answer from {url.Host} within the time allowed");
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
            {
                var kind = Transport.Classify(ex);
                bool again = kind is FaultKind.Refused or FaultKind.Reset or FaultKind.Connection;
                if (!again || attempt >= MaxAttempts || DateTime.UtcNow >= deadline) throw new AwsTransportException(kind, url.Host, $"{url.Host}: {ex.Message}", ex);
                await Delay(attempt, deadline, cancel).ConfigureAwait(false);
                continue;
            }
            if (!Retryable(response) || attempt >= MaxAttempts) return response;
            if (!await Delay(attempt, deadline, cancel).ConfigureAwait(false)) return response;
        }
    }

    private static bool Retryable(AwsResponse r)
    {
        if (r.Status == 429 || r.Status == 502 || r.Status == 503 || r.Status == 504 || r.Status == 500) return true;
        string body = r.Body;
        return r.ErrorType is "ThrottlingException" or "Throttling" or "TooManyRequestsException"
            || body.Contains("<Code>Throttling</Code>", StringComparison.Ordinal) || body.Contains("<Code>RequestLimitExceeded</Code>", StringComparison.Ordinal);
    }

    /// <summary>Waits the backoff for this attempt; false when that would pass the deadline.</summary>
    private async Task<bool> Delay(int attempt, DateTime deadline, CancellationToken cancel)
    {
        double cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        double wait;
        lock (_random) wait = _random.NextDouble() * cap;
        if (DateTime.UtcNow.AddMilliseconds(wait) >= deadline) return false;
        await Task.Delay(TimeSpan.FromMilliseconds(wait), cancel).ConfigureAwait(false);
        return true;
    }

    private HttpRequestMessage Build(HttpMethod method, Uri url, string region, string service, IReadOnlyList<KeyValuePair<string, string>> headers,
        byte[] body, string? contentType)
    {
        string host = url.IsDefaultPort ? url.Host : url.Host + ":" + url.Port;
        var signable = new SignableRequest(method.Method, url.PathAndQuery) { Body = body };
        signable.Header("Host", host);
        if (contentType != null) signable.Header("Content-Type", contentType);
        foreach (var h in headers) signable.Header(h.Key, h.Value);
        var signed = SigV4.Sign(signable, _credentials(), region, service, Clock(), new SigV4.Options { SignBody = true });

        var message = new HttpRequestMessage(method, url);
        if (body.Length > 0 || method == HttpMethod.Post)
        {
            message.Content = new ByteArrayContent(body);
            if (contentType != null) message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var h in headers) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        foreach (var h in signed.AddedHeaders) message.Headers.TryAddWithoutValidation(h.Key, h.Value);
        message.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        message.Headers.UserAgent.ParseAdd("policycheck/0.1");
        return message;
    }

    private static string? First(HttpResponseMessage r, string name)
    {
        if (r.Headers.TryGetValues(name, out var v)) return v.FirstOrDefault();
        if (r.Content.Headers.TryGetValues(name, out var c)) return c.FirstOrDefault();
        return null;
    }

    public static byte[] Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder();
        foreach (var f in fields)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(SigV4.Encode(f.Key)).Append('=').Append(SigV4.Encode(f.Value));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

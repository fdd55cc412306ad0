using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using PolicyCheck.Aws.Http;

namespace PolicyCheck.Aws.Sts;

/// <summary>Who is calling, and AssumeRole: through AWSSDK.SecurityToken.</summary>
public interface IStsClient
{
    Task<(string Arn, string Account)> GetCallerIdentityAsync(CancellationToken cancel);
    Task<ImmutableCredentials> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancel);
}

/// <summary>An STS error: its code (AccessDenied, ExpiredToken…), message and request ID.</summary>
public sealed class StsException : PolicyCheck.Aws.AwsServiceException
{
    public StsException(string code, string message, int status, string? requestId, Exception? inner = null) : base(code, message, status, requestId, inner) { }
}

/// <summary>
/// STS through AWSSDK.SecurityToken, on verify's HTTP stack (no redirects, capped bodies) and inside verify's
/// deadline. Service errors become <see cref="StsException"/>; no answer becomes <see cref="AwsTransportException"/>.
/// </summary>
public sealed class SdkStsClient : IStsClient, IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _client;
    private readonly Func<DateTime> _deadline;
    private readonly string _host;

    public SdkStsClient(AWSCredentials credentials, string region, Uri? endpoint, HttpClient http, Func<DateTime> deadline)
    {
        _deadline = deadline;
        var config = new AmazonSecurityTokenServiceConfig
        {
            AuthenticationRegion = region,
            MaxErrorRetry = 2,
            AllowAutoRedirect = false,
            HttpClientFactory = new SharedHttpClientFactory(http),
        };
        if (endpoint != null) config.ServiceURL = endpoint.ToString();
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        _host = endpoint?.Host ?? $"sts.{region}.amazonaws.com";
        _client = new AmazonSecurityTokenServiceClient(credentials, config);
    }

    public Task<(string Arn, string Account)> GetCallerIdentityAsync(CancellationToken cancel) => Within(async token =>
    {
        var r = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token).ConfigureAwait(false);
        if (PolicyCheck.Engine.Arn.TryParse(r.Arn ?? string.Empty) == null || r.Account == null || r.Account.Length != 12)
            throw new StsException("MalformedResponse", "GetCallerIdentity answered without a caller ARN and account", (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId);
        return (r.Arn!, r.Account);
    }, cancel);

    public Task<ImmutableCredentials> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancel) => Within(async token =>
    {
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "policycheck-verify", DurationSeconds = 900 };
        if (externalId != null) request.ExternalId = externalId;
        var r = await _client.AssumeRoleAsync(request, token).ConfigureAwait(false);
        var c = r.Credentials;
        if (c == null || string.IsNullOrEmpty(c.AccessKeyId) || string.IsNullOrEmpty(c.SecretAccessKey))
            throw new StsException("MalformedResponse", "AssumeRole answered without credentials", (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId);
        return new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
    }, cancel);

    /// <summary>Runs one call so that it ends by the deadline, its faults named.</summary>
    private async Task<T> Within<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancel)
    {
        var remaining = _deadline() - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) throw new AwsTransportException(FaultKind.Timeout, _host, $"no answer from {_host} within the time allowed");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(remaining);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (AmazonUnmarshallingException ex)
        {
            throw new StsException("MalformedResponse", "the answer is not an STS answer", (int)ex.StatusCode, ex.RequestId, ex);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new StsException("MalformedResponse", "the answer is not XML: " + ex.Message, 200, null, ex);
        }
        catch (AmazonServiceException ex) when (ex.StatusCode != 0 && Transport.Classify(ex) == FaultKind.Connection)
        {
            throw new StsException(ex.ErrorCode ?? "HttpError" + (int)ex.StatusCode, ex.Message, (int)ex.StatusCode, ex.RequestId, ex);
        }
        catch (StsException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && cancel.IsCancellationRequested))
        {
            var kind = timeout.IsCancellationRequested ? FaultKind.Timeout : Transport.Classify(ex);
            throw new AwsTransportException(kind, _host, $"{_host}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

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

public sealed class SdkStsClient : IStsClient, IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _client;

    public SdkStsClient(AWSCredentials credentials, string region, Uri? endpoint, TimeSpan timeout)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            AuthenticationRegion = region,
            MaxErrorRetry = 2,
            Timeout = timeout,
        };
        if (endpoint != null) config.ServiceURL = endpoint.ToString();
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        _client = new AmazonSecurityTokenServiceClient(credentials, config);
    }

    public async Task<(string Arn, string Account)> GetCallerIdentityAsync(CancellationToken cancel)
    {
        try
        {
            var r = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancel).ConfigureAwait(false);
            return (r.Arn, r.Account);
        }
        catch (AmazonServiceException ex)
        {
            throw new StsException(ex.ErrorCode ?? "Error", ex.Message, (int)ex.StatusCode, ex.RequestId, ex);
        }
    }

    public async Task<ImmutableCredentials> AssumeRoleAsync(string roleArn, string? externalId, CancellationToken cancel)
    {
        try
        {
            var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "policycheck-verify", DurationSeconds = 900 };
            if (externalId != null) request.ExternalId = externalId;
            var r = await _client.AssumeRoleAsync(request, cancel).ConfigureAwait(false);
            return new ImmutableCredentials(r.Credentials.AccessKeyId, r.Credentials.SecretAccessKey, r.Credentials.SessionToken);
        }
        catch (AmazonServiceException ex)
        {
            throw new StsException(ex.ErrorCode ?? "Error", ex.Message, (int)ex.StatusCode, ex.RequestId, ex);
        }
    }

    public void Dispose() => _client.Dispose();
}

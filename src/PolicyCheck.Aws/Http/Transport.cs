using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace PolicyCheck.Aws.Http;

/// <summary>What went wrong on the way to a service, before it gave an answer we could use.</summary>
public enum FaultKind
{
    Dns,
    Refused,
    Reset,
    Tls,
    Timeout,
    TooLarge,
    Redirect,
    Connection,
}

/// <summary>A body larger than <see cref="Transport.MaxResponseBytes"/>: no AWS, Claude or Portkey answer is that large.</summary>
public sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(long limit) : base($"the answer is larger than {limit / (1024 * 1024)} MiB") { }
}

/// <summary>
/// The one HTTP stack verify uses (our calls and the STS SDK's): redirects are never followed, so credentials and
/// the Portkey key go to the host named and nowhere else; bodies are capped while they are read.
/// </summary>
public static class Transport
{
    public const long MaxResponseBytes = 4L * 1024 * 1024;

    /// <param name="resolve">Name resolution (default: the system's); tests stand in a resolver that fails.</param>
    public static HttpClient CreateHttpClient(Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (resolve != null)
        {
            sockets.ConnectCallback = async (context, cancel) =>
            {
                var addresses = await resolve(context.DnsEndPoint.Host, cancel).ConfigureAwait(false);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancel).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(new CappedHandler(sockets), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }

    /// <summary>What kind of fault an exception from the HTTP stack (or the SDK wrapping it) stands for.</summary>
    public static FaultKind Classify(Exception ex)
    {
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case ResponseTooLargeException:
                    return FaultKind.TooLarge;
                case AuthenticationException:
                    return FaultKind.Tls;
                case AwsTransportException t:
                    return t.Kind;
                case SocketException s:
                    switch (s.SocketErrorCode)
                    {
                        case SocketError.HostNotFound:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.NoRecovery:
                            return FaultKind.Dns;
                        case SocketError.ConnectionRefused:
                            return FaultKind.Refused;
                        case SocketError.ConnectionReset:
                        case SocketError.ConnectionAborted:
                        case SocketError.Shutdown:
                            return FaultKind.Reset;
                        case SocketError.TimedOut:
                            return FaultKind.Timeout;
                    }
                    break;
            }
        }
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            if (e is HttpRequestException h)
            {
                switch (h.HttpRequestError)
                {
                    case HttpRequestError.NameResolutionError:
                        return FaultKind.Dns;
                    case HttpRequestError.SecureConnectionError:
                        return FaultKind.Tls;
                    case HttpRequestError.ResponseEnded:
                        return FaultKind.Reset;
                }
                if (h.Message.Contains("buffer size", StringComparison.OrdinalIgnoreCase)) return FaultKind.TooLarge;
            }
            if (e is OperationCanceledException || e is TimeoutException) return FaultKind.Timeout;
        }
        return FaultKind.Connection;
    }

    /// <summary>Refuses redirects; wraps each response body in a stream that stops at <see cref="MaxResponseBytes"/>.</summary>
    private sealed class CappedHandler : DelegatingHandler
    {
        public CappedHandler(HttpMessageHandler inner) : base(inner) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var response = await base.SendAsync(request, cancel).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (status >= 300 && status < 400)
            {
                string host = request.RequestUri?.Host ?? "the server";
                string to = response.Headers.Location?.ToString() ?? "nowhere";
                response.Dispose();
                throw new AwsTransportException(FaultKind.Redirect, host, $"{host} answered HTTP {status} redirecting to {to}; not followed");
            }
            if (response.Content.Headers.ContentLength is long length && length > MaxResponseBytes)
            {
                response.Dispose();
                throw new HttpRequestException($"{request.RequestUri?.Host} answered {length} bytes", new ResponseTooLargeException(MaxResponseBytes));
            }
            var inner = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            var capped = new StreamContent(new CappedStream(inner, MaxResponseBytes));
            foreach (var h in response.Content.Headers) capped.Headers.TryAddWithoutValidation(h.Key, h.Value);
            response.Content = capped;
            return response;
        }
    }

    private sealed class CappedStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private long _read;

        public CappedStream(Stream inner, long limit)
        {
            _inner = inner;
            _limit = limit;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default)
            => Count(await _inner.ReadAsync(buffer, cancel).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel)
            => ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > _limit) throw new ResponseTooLargeException(_limit);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>Gives the STS SDK client verify's HTTP stack (no redirects, capped bodies).</summary>
public sealed class SharedHttpClientFactory : Amazon.Runtime.HttpClientFactory
{
    private readonly HttpClient _client;

    public SharedHttpClientFactory(HttpClient client) => _client = client;

    public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => _client;
    public override bool UseSDKHttpClientCaching(Amazon.Runtime.IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(Amazon.Runtime.IClientConfig clientConfig) => false;
}

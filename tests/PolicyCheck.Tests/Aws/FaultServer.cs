using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PolicyCheck.Tests.Aws;

/// <summary>A TCP server on 127.0.0.1 that misbehaves below HTTP: resets each connection, or never answers.</summary>
public sealed class FaultServer : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = new List<Socket>();
    private readonly bool _reset;
    private int _connections;

    private FaultServer(bool reset)
    {
        _reset = reset;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = Task.Run(Loop);
    }

    /// <summary>Reads the request, then closes with an RST.</summary>
    public static FaultServer Resetting() => new FaultServer(reset: true);

    /// <summary>Accepts and reads, never answers.</summary>
    public static FaultServer Silent() => new FaultServer(reset: false);

    /// <summary>A loopback port nothing listens on.</summary>
    public static string RefusedUrl()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    public string Url { get; }
    public int Connections => Volatile.Read(ref _connections);

    private async Task Loop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            if (_reset)
            {
                try
                {
                    var buffer = new byte[4096];
                    socket.ReceiveTimeout = 2000;
                    socket.Receive(buffer);
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (SocketException)
                {
                }
                socket.Close();
            }
            else
            {
                lock (_held) _held.Add(socket);
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held)
        {
            foreach (var s in _held) s.Dispose();
        }
    }
}

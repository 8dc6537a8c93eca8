using System.Net;
using System.Net.Sockets;

namespace Broker.Integration.Tests.Cluster;

/// <summary>
/// A TCP load balancer on 127.0.0.1, as a reverse proxy in front of the hosts would be: each new connection goes to the
/// first host in <see cref="Backends"/> order that accepts it, so a connection lands on a known host while it lives and
/// on the next one once it is gone. No stickiness and no knowledge of HTTP or WebSockets, which the broker must not need.
/// </summary>
public sealed class LoopbackBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackBalancer(params int[] backends)
    {
        Backends = backends;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The hosts' web ports, in the order they are tried.</summary>
    public IReadOnlyList<int> Backends { get; }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            foreach (var port in Backends)
            {
                using var backend = new TcpClient();
                try
                {
                    await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                client.NoDelay = backend.NoDelay = true;
                var upstream = client.GetStream();
                var downstream = backend.GetStream();
                var first = await Task.WhenAny(Pipe(upstream, downstream), Pipe(downstream, upstream));
                await first;
                return;
            }
        }
    }

    private async Task Pipe(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}

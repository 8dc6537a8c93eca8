using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Broker.Endpoint.Tests.Fakes;

/// <summary>
/// A TCP relay in front of a broker, to cut the network under a live connection: <see cref="Sever"/> resets every
/// relayed connection at once, as a dropped Wi-Fi does, so neither side says goodbye and SignalR's automatic reconnect
/// takes over (a broker that closes a connection itself tells the client not to reconnect).
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Socket, bool> sockets = new();
    private readonly CancellationTokenSource closing = new();
    private readonly int target;
    private readonly Task accepting;

    public TcpRelay(int targetPort)
    {
        target = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Server => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Resets every connection relayed so far; new ones are relayed as before.</summary>
    public void Sever()
    {
        foreach (var socket in sockets.Keys)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            sockets.TryRemove(socket, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        listener.Stop();
        Sever();
        await accepting;
        closing.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptSocketAsync(closing.Token);
                var broker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await broker.ConnectAsync(IPAddress.Loopback, target, closing.Token);
                sockets[client] = true;
                sockets[broker] = true;
                _ = PumpAsync(client, broker);
                _ = PumpAsync(broker, client);
            }
        }
        catch (Exception) when (closing.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Severed, or the other side went away: the other pump sees it too.
        }
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Broker.Contracts.Hubs;

namespace Broker.Server.Tests;

/// <summary>
/// A viewer that speaks SignalR's JSON protocol over a bare WebSocket, so a test can stop reading from the socket: the
/// slow viewer no client library lets us make. It keeps pinging, so the broker does not time it out meanwhile.
/// </summary>
public sealed class RawViewer : IDisposable
{
    private const char Separator = '\u001e';

    /// <summary>How long one wait for frames may take: the broker pings every 15 s, so without a deadline a wait for a frame that never comes would not end.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[256 * 1024];

    private RawViewer()
    {
    }

    public static async Task<RawViewer> WatchAsync(BrokerHost host, string accessToken, Guid sessionId)
    {
        var viewer = new RawViewer();
        var url = new UriBuilder(new Uri(host.Address, HubRoutes.Agent)) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        await viewer._socket.ConnectAsync(url, TestContext.Current.CancellationToken);
        await viewer.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await viewer.NextMessageAsync(CancellationToken.None);
        Assert.Equal("{}", handshake);
        await viewer.SendAsync($$"""{"type":4,"invocationId":"1","target":"{{nameof(IAgentHub.WatchSession)}}","arguments":["{{sessionId}}"]}""");
        _ = viewer.PingAsync();
        return viewer;
    }

    /// <summary>Reads until a frame arrives (the broker's pings in between do not count), for at most <see cref="Patience"/>.</summary>
    public async Task WaitForFirstFrameAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Seq(await NextMessageAsync(deadline.Token)) is not null)
            {
                return;
            }
        }
    }

    /// <summary>Reads again, collecting the frames' sequence numbers until <paramref name="last"/> arrives, for at most <see cref="Patience"/>.</summary>
    public async Task<List<long>> ReadSeqsUntilAsync(long last)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var seqs = new List<long>();
        while (seqs.Count == 0 || seqs[^1] != last)
        {
            if (Seq(await NextMessageAsync(deadline.Token)) is { } seq)
            {
                seqs.Add(seq);
            }
        }

        return seqs;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private static long? Seq(string message)
    {
        using var json = JsonDocument.Parse(message);
        var type = json.RootElement.GetProperty("type").GetInt32();
        if (type == 3 && json.RootElement.TryGetProperty("error", out var error))
        {
            throw new Xunit.Sdk.XunitException($"WatchSession failed: {error.GetString()}");
        }

        return type == 2 ? json.RootElement.GetProperty("item").GetProperty("seq").GetInt64() : null;
    }

    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                await SendAsync("""{"type":6}""");
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The test is over.
        }
    }

    private Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

    private async Task<string> NextMessageAsync(CancellationToken deadline)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, deadline);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }

            var received = await _socket.ReceiveAsync(_buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new Xunit.Sdk.XunitException($"The broker closed the slow viewer's connection: {_socket.CloseStatusDescription}");
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, received.Count));
        }
    }
}

using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.LoadTest.Relay;

/// <summary>
/// One session's viewer on its own connection: streams the session's frames and, while the window is open, counts them,
/// their bytes, their end-to-end latency (receive time − capture time, one clock) and the gaps in their sequence numbers.
/// </summary>
public sealed class RelayViewer : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private RelayViewer(HubConnection connection) => _connection = connection;

    public long Delivered { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Frames never seen: the gaps between the sequence numbers of frames received.</summary>
    public long Skipped { get; private set; }

    public List<double> LatenciesMs { get; } = [];

    public string? Error { get; private set; }

    public static async Task<RelayViewer> ConnectAsync(SessionRoute route, bool messagePack, CancellationToken cancellationToken)
    {
        var viewer = new RelayViewer(RelayConnections.Build(route.ViewerHub, route.ViewerToken, messagePack));
        await viewer._connection.StartAsync(cancellationToken);
        return viewer;
    }

    public async Task WatchAsync(Guid sessionId, MeasurementWindow window, CancellationToken stop)
    {
        long last = 0;
        try
        {
            await foreach (var frame in _connection.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), sessionId, stop))
            {
                var latency = MeasurementWindow.UnixMsNow() - frame.CapturedAtUnixMs;
                if (window.IsOpen)
                {
                    Delivered++;
                    Bytes += frame.Data.Length;
                    LatenciesMs.Add(latency);
                    Skipped += last == 0 ? 0 : Math.Max(0, frame.Seq - last - 1);
                }

                last = Math.Max(last, frame.Seq);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The phase is over.
        }
        catch (Exception exception)
        {
            Error = $"viewer of session {sessionId}: {exception.Message}";
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}

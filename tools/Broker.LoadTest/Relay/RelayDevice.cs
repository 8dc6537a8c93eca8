using System.Diagnostics;
using System.Threading.Channels;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.LoadTest.Relay;

/// <summary>
/// One session's endpoint on its own connection: uploads frames with a client-to-server stream at a steady rate, paced
/// to a fixed schedule, each stamped with its sequence number and capture time. The frame data is allocated once.
/// </summary>
public sealed class RelayDevice : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource<Guid> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HubConnection _connection;

    private RelayDevice(HubConnection connection)
    {
        _connection = connection;
        connection.On<Guid, string>(nameof(IDeviceClient.StartSession), (sessionId, _) => _started.TrySetResult(sessionId));
    }

    /// <summary>The session the broker told this device to start.</summary>
    public Task<Guid> Started => _started.Task;

    /// <summary>Frames handed to the upload stream while the window was open.</summary>
    public long Sent { get; private set; }

    /// <summary>
    /// Frames not sent while the window was open: the upload stream still held two unsent frames, or the device fell more
    /// than a period behind its schedule (its machine was too busy).
    /// </summary>
    public long Unsent { get; private set; }

    public string? Error { get; private set; }

    public static async Task<RelayDevice> ConnectAsync(SessionRoute route, bool messagePack, CancellationToken cancellationToken)
    {
        var device = new RelayDevice(RelayConnections.Build(route.DeviceHub, route.DeviceToken, messagePack));
        await device._connection.StartAsync(cancellationToken);
        await device._connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), cancellationToken);
        return device;
    }

    /// <summary>Uploads <see cref="RelayArgs.Fps"/> frames a second until <paramref name="stop"/>, then ends the upload.</summary>
    public async Task UploadAsync(Guid sessionId, RelayArgs args, MeasurementWindow window, CancellationToken stop)
    {
        // Two frames may wait for the connection; a capture that finds both still there is not sent (a real endpoint
        // would skip it too), so a stalled upload shows as unsent frames, not as an ever-growing queue.
        var frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var upload = _connection.InvokeAsync(nameof(IDeviceHub.UploadFrames), sessionId, frames.Reader, CancellationToken.None);
        var data = new byte[args.FrameBytes];
        Random.Shared.NextBytes(data);
        var period = TimeSpan.FromSeconds(1.0 / args.Fps);
        var sinceHeartbeat = Stopwatch.StartNew();
        long seq = 0;
        try
        {
            // Devices start at random points of one period, so their frames do not all arrive at the same instant. Each
            // frame is due at a fixed point of the schedule (timers tick in whole milliseconds: 33 ms is not 1/30 s); a
            // device that falls more than a period behind skips the frames it missed rather than sending them in a burst.
            var start = Stopwatch.GetTimestamp() + Random.Shared.NextInt64(period.Ticks) * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
            for (long slot = 0; ; slot++)
            {
                stop.ThrowIfCancellationRequested();
                var wait = TimeSpan.FromTicks(period.Ticks * slot) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }
                else if (wait < -period)
                {
                    var missed = (long)(-wait / period);
                    slot += missed;
                    Unsent += window.IsOpen ? missed : 0;
                }

                var counted = window.IsOpen;
                var frame = new Frame(sessionId, seq + 1, (long)Math.Round(MeasurementWindow.UnixMsNow()), 1280, 720, FrameCodecs.Jpeg, data, KeyFrame: seq == 0);
                if (frames.Writer.TryWrite(frame))
                {
                    seq++;
                    Sent += counted ? 1 : 0;
                }
                else
                {
                    Unsent += counted ? 1 : 0;
                }

                if (sinceHeartbeat.Elapsed > HeartbeatInterval)
                {
                    sinceHeartbeat.Restart();
                    _ = _connection.SendAsync(nameof(IDeviceHub.Heartbeat), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The phase is over.
        }

        frames.Writer.TryComplete();
        try
        {
            await upload.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        }
        catch (Exception exception)
        {
            Error = $"upload of session {sessionId}: {exception.Message}";
        }

        if (upload.IsFaulted && Error is null)
        {
            Error = $"upload of session {sessionId}: {upload.Exception.GetBaseException().Message}";
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}

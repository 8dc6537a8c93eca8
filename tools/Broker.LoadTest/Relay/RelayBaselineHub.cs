using System.Runtime.CompilerServices;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Broker.LoadTest.Relay;

/// <summary>
/// The baseline relay: a plain SignalR hub, no Orleans, no authentication. A device uploads a session's frames with a
/// client-to-server stream and every viewer of that session streams them back through its own newest-wins buffer. Its
/// methods carry the broker's names, so the benchmark's device and viewer clients are the same for both.
/// </summary>
public sealed class RelayBaselineHub(BaselineFeeds feeds) : Hub
{
    public const string Route = "/hubs/relay";

    /// <summary>As <see cref="IDeviceHub.Heartbeat"/>: nothing to record here.</summary>
    public Task Heartbeat() => Task.CompletedTask;

    /// <summary>As <see cref="IDeviceHub.UploadFrames"/>, with the same checks of each frame.</summary>
    public async Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames)
    {
        await foreach (var frame in frames.WithCancellation(Context.ConnectionAborted))
        {
            if (frame.SessionId != sessionId || frame.Data is null || frame.Data.Length > Frame.MaxDataBytes)
            {
                throw new HubException($"Frame {frame.Seq} is not a frame of session {sessionId} of at most 4 MiB.");
            }

            feeds.Deliver(sessionId, frame);
        }
    }

    /// <summary>As <see cref="IAgentHub.WatchSession"/>: the session's frames, newest first when the viewer falls behind.</summary>
    public async IAsyncEnumerable<Frame> WatchSession(Guid sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var feed = feeds.Add(sessionId, Context.ConnectionId);
        try
        {
            await foreach (var frame in feed.Reader.ReadAllAsync(cancellationToken))
            {
                yield return frame;
            }
        }
        finally
        {
            feeds.Remove(feed);
        }
    }
}

using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Sessions;

/// <summary>
/// The session handler of this build: each session the broker starts gets its own upload of frames from the frame
/// source at <paramref name="fps"/> frames a second, and the viewer's input goes to the source. Several sessions may
/// run at once, each with its own sequence numbers, which go on where they stopped when the broker starts a session
/// again after a reconnect (an attended session outlives its customer's connection). Input is reported on the status output by kind and position only:
/// keys and text typed by the agent may be a password.
/// </summary>
internal sealed class StreamingSessionHandler(IFrameSource source, int fps, TimeProvider time, TextWriter status, TextWriter errors) : ISessionHandler
{
    private const string PointerMove = "pointer-move";
    private const string Wheel = "wheel";

    /// <summary>
    /// How long a stopped session's next number is kept for a start that may follow. Sessions the broker ended while this
    /// computer was disconnected never hear it, so their numbers are forgotten after this instead.
    /// </summary>
    private static readonly TimeSpan ResumeWindow = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<Guid, FrameUpload> uploads = new();
    private readonly ConcurrentDictionary<Guid, (long NextSeq, DateTimeOffset StoppedAt)> resumeAt = new();
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1.0 / fps);

    public async Task StartAsync(Guid sessionId, string mode, IDeviceHub hub, CancellationToken connectionLost)
    {
        // A second start of a running session (the broker asking again) keeps the upload it has; one that has stopped
        // is followed by a new upload that numbers on from it.
        FrameUpload? created = null;
        var current = uploads.AddOrUpdate(
            sessionId,
            id => created = NewUpload(id, hub, resumeAt.TryGetValue(id, out var stopped) ? stopped.NextSeq : 1),
            (id, earlier) => earlier.Running ? earlier : created = NewUpload(id, hub, earlier.NextSeq));
        if (created is not { } upload || current != upload)
        {
            return;
        }

        await status.WriteLineAsync($"Session {sessionId} started ({Terminal.Printable(mode)}); sending {source.Description} at {fps} fps");
        _ = Task.Run(
            async () =>
            {
                await upload.RunAsync(connectionLost);
                if (uploads.TryRemove(KeyValuePair.Create(sessionId, upload)))
                {
                    var now = time.GetUtcNow();
                    foreach (var (id, stopped) in resumeAt)
                    {
                        if (now - stopped.StoppedAt > ResumeWindow)
                        {
                            resumeAt.TryRemove(id, out _);
                        }
                    }

                    resumeAt[sessionId] = (upload.NextSeq, now);
                }
            },
            CancellationToken.None);
    }

    /// <summary>The number a stopped session's next upload starts from, if it is kept (for tests).</summary>
    internal long? ResumesAt(Guid sessionId) => resumeAt.TryGetValue(sessionId, out var stopped) ? stopped.NextSeq : null;

    private FrameUpload NewUpload(Guid sessionId, IDeviceHub hub, long firstSeq) =>
        new(sessionId, hub, source, interval, time, status, errors, firstSeq);

    public async Task InputAsync(Guid sessionId, InputEvent input, CancellationToken cancellationToken)
    {
        // Only a session that is sending its picture here may act on this computer.
        if (!uploads.TryGetValue(sessionId, out var upload) || !upload.Running)
        {
            return;
        }

        await source.ApplyAsync(input, cancellationToken);

        // Pointer moves and wheel turns come dozens a second; the picture shows them, a service's log need not.
        if (input.Kind is PointerMove or Wheel)
        {
            return;
        }

        await status.WriteLineAsync(input.X is { } x && input.Y is { } y
            ? $"Input in session {sessionId}: {Terminal.Printable(input.Kind)} at {x:0.##},{y:0.##}"
            : $"Input in session {sessionId}: {Terminal.Printable(input.Kind)}");
    }

    public Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        if (uploads.TryRemove(sessionId, out var upload))
        {
            upload.End();
        }

        resumeAt.TryRemove(sessionId, out _);

        return status.WriteLineAsync($"Session {sessionId} ended: {Terminal.Printable(reason)}");
    }
}

using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Frames;

/// <summary>
/// The picture an agent sees and works on in a session: the seam where real screen capture and input injection plug
/// in (this build has <see cref="TestPatternSource"/>). There is one screen, so one source serves every session on this
/// computer, and its methods may be called from several sessions at once.
/// </summary>
public interface IFrameSource
{
    /// <summary>What the frames show, for the status line of a started session (e.g. "a 640x360 test pattern as png").</summary>
    string Description { get; }

    /// <summary>
    /// The picture as it is at <paramref name="capturedAt"/>, encoded as frame <paramref name="seq"/> of session
    /// <paramref name="sessionId"/>. Called only when the upload is ready to send it, so it is never stale.
    /// </summary>
    ValueTask<Frame> CaptureAsync(Guid sessionId, long seq, DateTimeOffset capturedAt, CancellationToken cancellationToken);

    /// <summary>Applies a viewer's mouse or keyboard input to the picture.</summary>
    ValueTask ApplyAsync(InputEvent input, CancellationToken cancellationToken);
}

using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Sessions;

/// <summary>
/// What the endpoint does when an agent works on this computer: the seam where screen capture (frames uploaded with
/// <c>UploadFrames</c>) and input injection plug in.
/// </summary>
public interface ISessionHandler
{
    /// <summary>An agent starts a session; <paramref name="mode"/> is <c>attended</c> or <c>unattended</c>.</summary>
    Task StartAsync(Guid sessionId, string mode, CancellationToken cancellationToken);

    /// <summary>Mouse or keyboard input from the session's viewer, to apply to this computer.</summary>
    Task InputAsync(Guid sessionId, InputEvent input, CancellationToken cancellationToken);

    /// <summary>The session ended; stop capturing and release what it held.</summary>
    Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken);
}

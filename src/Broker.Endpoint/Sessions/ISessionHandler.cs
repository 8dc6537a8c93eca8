using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Sessions;

/// <summary>
/// What the endpoint does when an agent works on this computer: sends the session's frames with <c>UploadFrames</c> and
/// applies the viewer's input. The connection calls these one after the other on its receive loop, so none may wait
/// for anything slow: uploads run in the background.
/// </summary>
public interface ISessionHandler
{
    /// <summary>
    /// An agent starts a session (<paramref name="mode"/> is <c>attended</c> or <c>unattended</c>): start sending its
    /// frames to <paramref name="hub"/>, the connection the request came on, and return at once. That connection going
    /// away (dropped, replaced, or the endpoint stopping) cancels <paramref name="connectionLost"/> and ends the upload:
    /// the broker ends the sessions of a device that went offline.
    /// </summary>
    Task StartAsync(Guid sessionId, string mode, IDeviceHub hub, CancellationToken connectionLost);

    /// <summary>Mouse or keyboard input from the session's viewer, to apply to this computer.</summary>
    Task InputAsync(Guid sessionId, InputEvent input, CancellationToken cancellationToken);

    /// <summary>The broker ended the session; stop sending its frames and release what it held.</summary>
    Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken);
}

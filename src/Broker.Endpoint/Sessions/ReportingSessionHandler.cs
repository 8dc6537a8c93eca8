using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Sessions;

/// <summary>
/// The session handler of this build, which has no screen capture or input injection yet: it reports what the
/// broker asks on the status output and says plainly that nothing is captured.
/// </summary>
internal sealed class ReportingSessionHandler(TextWriter status) : ISessionHandler
{
    public Task StartAsync(Guid sessionId, string mode, CancellationToken cancellationToken) =>
        status.WriteLineAsync($"Session {sessionId} started ({Terminal.Printable(mode)}); this build does not capture the screen yet");

    // Only the kind and the pointer position: keys and text typed by the agent may be a password.
    public Task InputAsync(Guid sessionId, InputEvent input, CancellationToken cancellationToken) =>
        status.WriteLineAsync(input.X is { } x && input.Y is { } y
            ? $"Input in session {sessionId}: {Terminal.Printable(input.Kind)} at {x:0.##},{y:0.##} (not applied)"
            : $"Input in session {sessionId}: {Terminal.Printable(input.Kind)} (not applied)");

    public Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken) =>
        status.WriteLineAsync($"Session {sessionId} ended: {Terminal.Printable(reason)}");
}

namespace Broker.Contracts.Hubs;

/// <summary>What an agent's viewer calls on <c>/hubs/agent</c>.</summary>
public interface IAgentHub
{
    /// <summary>
    /// The frames of a session, newest first when the viewer falls behind (stale frames are skipped, never queued), until
    /// the session ends or the stream is cancelled. The agent who started the session controls it; other agents who reach
    /// the device's group watch it view-only.
    /// </summary>
    IAsyncEnumerable<Frame> WatchSession(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Mouse or keyboard input for the session's device; refused for view-only viewers and ended sessions.</summary>
    Task SendInput(Guid sessionId, InputEvent input);

    /// <summary>Presence of the devices of the agent's device groups: first each device as it is now, then every change.</summary>
    IAsyncEnumerable<PresenceChange> WatchPresence(CancellationToken cancellationToken);
}

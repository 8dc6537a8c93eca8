using Broker.Contracts.Hubs;

namespace Broker.Grains.Connections;

/// <summary>
/// One per host: how a grain reaches a SignalR connection held by that host. Grains keep (relay, connection id) pairs
/// of the connections they need; a failed call means the host or the connection is gone.
/// </summary>
[Alias("Broker.IConnectionRelay")]
public interface IConnectionRelay : IGrainObserver
{
    /// <summary>Asks the customer at an endpoint's connection for consent to unattended access.</summary>
    Task RequestConsent(string connectionId, Guid setupId, string agentName);

    /// <summary>Hands an endpoint's connection its new identity after setup during an attended session.</summary>
    Task Enrolled(string connectionId, Guid deviceId, string deviceToken);

    /// <summary>Tells an endpoint's connection to start a session (and upload its frames).</summary>
    Task StartSession(string connectionId, Guid sessionId, string mode);

    /// <summary>Hands an endpoint's connection the viewer's input.</summary>
    Task Input(string connectionId, Guid sessionId, InputEvent input);

    /// <summary>Tells an endpoint's connection that a session ended.</summary>
    Task EndSession(string connectionId, Guid sessionId, string reason);

    /// <summary>Closes an endpoint's connection: its device was removed or its token replaced.</summary>
    Task Close(string connectionId, string reason);

    /// <summary>Tells an agent's connection how an unattended-access setup goes.</summary>
    Task SetupProgress(string connectionId, Guid sessionId, string state, string message);

    /// <summary>Tells an agent's connection that a session ended.</summary>
    Task SessionEnded(string connectionId, Guid sessionId, string reason);

    /// <summary>
    /// A frame for the viewers of <paramref name="sessionId"/> that this host holds: one message per host, not per viewer.
    /// The session's grain sends a host one frame at a time, in order, without waiting for it (one-way calls between
    /// silos overtake each other); the host keeps only the newest unsent frame per viewer.
    /// </summary>
    Task Frame(Guid sessionId, Frame frame);

    /// <summary>The session ended: this host completes its viewers' frame streams and the device's upload of it.</summary>
    Task SessionOver(Guid sessionId, string reason);

    /// <summary>A device's presence changed, for those of this host's <c>WatchPresence</c> streams named.</summary>
    Task PresenceChanged(string[] connectionIds, PresenceUpdate update);
}

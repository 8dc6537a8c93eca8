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

    /// <summary>Tells an endpoint's connection that a session ended.</summary>
    Task EndSession(string connectionId, Guid sessionId, string reason);

    /// <summary>Tells an agent's connection how an unattended-access setup goes.</summary>
    Task SetupProgress(string connectionId, Guid sessionId, string state, string message);

    /// <summary>Tells an agent's connection that a session ended.</summary>
    Task SessionEnded(string connectionId, Guid sessionId, string reason);
}

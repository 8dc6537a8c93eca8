namespace Broker.Contracts.Hubs;

/// <summary>What an endpoint calls on <c>/hubs/device</c>.</summary>
public interface IDeviceHub
{
    /// <summary>Tells the broker the endpoint is still there; the broker marks it offline when heartbeats stop.</summary>
    Task Heartbeat();

    /// <summary>Answers a <see cref="IDeviceClient.RequestConsent"/>: allowed or declined, and whether the OS login was stored locally.</summary>
    Task AnswerConsent(Guid setupId, bool allow, bool credentialStored);

    /// <summary>Tells the broker whether an OS login is now stored on the endpoint (never the login itself).</summary>
    Task SetCredentialStored(bool credentialStored);
}

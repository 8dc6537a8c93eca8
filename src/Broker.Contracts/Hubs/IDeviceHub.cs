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

    /// <summary>
    /// Streams the frames of a session this endpoint was told to start (<see cref="IDeviceClient.StartSession"/>). Completes
    /// when the stream ends or the session ends; fails with a message for a session that is not this endpoint's, has
    /// ended, or a frame over <see cref="Frame.MaxDataBytes"/>.
    /// </summary>
    Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames);

    /// <summary>
    /// The endpoint ends a session (e.g. the person at the computer stopped it); the viewers are told the reason. An
    /// enrolled device ends its unattended sessions; the customer's computer the attended session it joined, and no other.
    /// </summary>
    Task EndSession(Guid sessionId, string reason);
}

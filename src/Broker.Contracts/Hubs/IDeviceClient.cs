namespace Broker.Contracts.Hubs;

/// <summary>What the broker calls on an endpoint connected to <c>/hubs/device</c>.</summary>
public interface IDeviceClient
{
    /// <summary>An agent starts a session; <paramref name="mode"/> is <c>attended</c> or <c>unattended</c>.</summary>
    Task StartSession(Guid sessionId, string mode);

    /// <summary>A session ended, with the reason in words.</summary>
    Task EndSession(Guid sessionId, string reason);

    /// <summary>An agent asks the person at the computer to allow unattended access; answer with <see cref="IDeviceHub.AnswerConsent"/>.</summary>
    Task RequestConsent(Guid setupId, string agentName);

    /// <summary>Mouse or keyboard input from the viewer of a session.</summary>
    Task Input(Guid sessionId, InputEvent input);

    /// <summary>Unattended access was set up during an attended session: the endpoint's new identity.</summary>
    Task Enrolled(Guid deviceId, string deviceToken);
}

namespace Broker.Grains.Sessions;

/// <summary>The states of a session and of its unattended-access setup, as the API and the viewer name them.</summary>
public static class SessionStates
{
    public const string Waiting = "waiting";
    public const string Active = "active";
    public const string Ended = "ended";

    public const string SetupNone = "none";
    public const string SetupRequestingConsent = "requesting-consent";
    public const string SetupAllowed = "allowed";
    public const string SetupDeclined = "declined";
    public const string SetupCancelled = "cancelled";
    public const string SetupCompleted = "completed";
}

namespace Broker.Contracts.Sessions;

/// <summary>The values of <see cref="CreateSessionRequest.Kind"/>.</summary>
public static class SessionKinds
{
    public const string Attended = "attended";
    public const string Unattended = "unattended";
}

namespace Broker.Contracts.Sessions;

/// <summary>
/// A new session. An attended one comes with the 9-digit support key the customer types, and when it expires; an
/// unattended one names its device and whether an OS login is stored there (if not, the agent must log in at the
/// remote login screen).
/// </summary>
public sealed record CreateSessionResponse(
    Guid SessionId,
    string? SupportKey = null,
    DateTimeOffset? SupportKeyExpiresAt = null,
    Guid? DeviceId = null,
    bool? CredentialStored = null);

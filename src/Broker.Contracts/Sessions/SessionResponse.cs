namespace Broker.Contracts.Sessions;

/// <summary>
/// A session as its agent sees it: for an attended one, whether "set up unattended support" is available and, if not,
/// why; for an unattended one, the device and whether an OS login is stored on it (if not, the agent logs in at the
/// remote login screen).
/// </summary>
public sealed record SessionResponse(
    Guid Id,
    string Kind,
    string State,
    Guid AgentId,
    DateTimeOffset CreatedAt,
    CustomerResponse? Customer,
    UnattendedSetupResponse UnattendedSetup,
    string? EndedReason,
    Guid? DeviceId = null,
    bool? CredentialStored = null);

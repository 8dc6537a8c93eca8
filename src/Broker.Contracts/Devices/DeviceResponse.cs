namespace Broker.Contracts.Devices;

/// <summary>
/// A device with unattended access as agents see it. <see cref="OpenSessions"/>: how many unattended sessions are open
/// on it now (an agent, or a colleague, is connected or about to be).
/// </summary>
public sealed record DeviceResponse(
    Guid Id,
    string Nickname,
    string ComputerName,
    string Os,
    Guid DeviceGroupId,
    EnrollmentMethod EnrollmentMethod,
    string EnrolledBy,
    DateTimeOffset EnrolledAt,
    ConsentResponse Consent,
    bool CredentialStored,
    bool Online,
    DateTimeOffset? LastSeenAt,
    int OpenSessions = 0);

namespace Broker.Contracts.Devices;

/// <summary>A device with unattended access as agents see it.</summary>
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
    DateTimeOffset? LastSeenAt);

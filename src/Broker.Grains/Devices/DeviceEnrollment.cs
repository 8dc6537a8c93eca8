using Broker.Contracts.Devices;

namespace Broker.Grains.Devices;

/// <summary>A decided enrollment: the machine, where it goes, who enrolled it and with whose consent.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceEnrollment")]
public sealed record DeviceEnrollment(
    [property: Id(0)] EnrollmentMethod Method,
    [property: Id(1)] string ComputerName,
    [property: Id(2)] string Os,
    [property: Id(3)] string? Nickname,
    [property: Id(4)] Guid DeviceGroupId,
    [property: Id(5)] string EnrolledBy,
    [property: Id(6)] ConsentRecord Consent,
    [property: Id(7)] bool CredentialStored);

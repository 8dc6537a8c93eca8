using Broker.Contracts.Devices;

namespace Broker.Grains.Devices;

/// <summary>A device as its grain describes it; never its token.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceInfo")]
public sealed record DeviceInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Nickname,
    [property: Id(2)] string ComputerName,
    [property: Id(3)] string Os,
    [property: Id(4)] Guid DeviceGroupId,
    [property: Id(5)] EnrollmentMethod Method,
    [property: Id(6)] string EnrolledBy,
    [property: Id(7)] DateTimeOffset EnrolledAt,
    [property: Id(8)] ConsentRecord Consent,
    [property: Id(9)] bool CredentialStored,
    [property: Id(10)] bool Online,
    [property: Id(11)] DateTimeOffset? LastSeenAt,
    [property: Id(12)] int OpenSessions);

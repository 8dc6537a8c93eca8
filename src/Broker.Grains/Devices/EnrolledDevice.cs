namespace Broker.Grains.Devices;

/// <summary>An enrolled device with its new token; the token exists in clear only in this answer.</summary>
[GenerateSerializer, Immutable, Alias("Broker.EnrolledDevice")]
public sealed record EnrolledDevice(
    [property: Id(0)] Guid DeviceId,
    [property: Id(1)] string DeviceToken,
    [property: Id(2)] Guid DeviceGroupId,
    [property: Id(3)] string Nickname);

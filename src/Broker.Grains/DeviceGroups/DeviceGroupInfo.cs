namespace Broker.Grains.DeviceGroups;

/// <summary>A device group as its grain describes it; <see cref="EnrollmentCode"/> is null while revoked.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceGroupInfo")]
public sealed record DeviceGroupInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? EnrollmentCode,
    [property: Id(3)] DateTimeOffset CreatedAt);

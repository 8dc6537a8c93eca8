namespace Broker.Contracts.DeviceGroups;

/// <summary>A device group; <see cref="EnrollmentCode"/> is shown to admins only.</summary>
public sealed record DeviceGroupResponse(Guid Id, string Name, string? EnrollmentCode, DateTimeOffset CreatedAt);

namespace Broker.Contracts.DeviceGroups;

/// <summary>A new device group (a "company").</summary>
public sealed record CreateDeviceGroupRequest(string? Name);

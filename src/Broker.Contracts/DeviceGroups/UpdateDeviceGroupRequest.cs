namespace Broker.Contracts.DeviceGroups;

/// <summary>A new name for a device group.</summary>
public sealed record UpdateDeviceGroupRequest(string? Name);

namespace Broker.Contracts.Devices;

/// <summary>Renames a device and/or moves it to another device group.</summary>
public sealed record UpdateDeviceRequest(string? Nickname, Guid? DeviceGroupId);

using System.Collections.Immutable;
using Broker.Grains.Directory;

namespace Broker.Grains.Devices;

/// <summary>A device group with the devices in it that matched.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceGroupDevices")]
public sealed record DeviceGroupDevices([property: Id(0)] DirectoryEntry DeviceGroup, [property: Id(1)] ImmutableArray<DeviceInfo> Devices);

using System.Collections.Immutable;

namespace Broker.Grains.Devices;

/// <summary>Lists the devices an agent may see: only in the device groups the agent reaches (admins: all).</summary>
[Alias("Broker.IDeviceQueryGrain")]
public interface IDeviceQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Per reachable device group (or the one the filter names), the devices that match the filter.</summary>
    Task<ImmutableArray<DeviceGroupDevices>> Find(Guid agentId, DeviceFilter filter);
}

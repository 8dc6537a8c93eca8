using System.Collections.Immutable;
using Broker.Grains.Agents;
using Broker.Grains.DeviceGroups;

namespace Broker.Grains.Devices;

/// <inheritdoc cref="IDeviceQueryGrain"/>
[StatelessWorker]
public sealed class DeviceQueryGrain : Grain, IDeviceQueryGrain
{
    public async Task<ImmutableArray<DeviceGroupDevices>> Find(Guid agentId, DeviceFilter filter)
    {
        var profile = await GrainFactory.GetGrain<IAgentGrain>(agentId).GetProfile();
        if (!profile.IsOk)
        {
            return [];
        }

        var groups = profile.Value!.DeviceGroups.Where(g => filter.DeviceGroupId is null || g.Id == filter.DeviceGroupId);
        return [.. await Task.WhenAll(groups.Select(async group =>
        {
            var ids = await GrainFactory.GetGrain<IDeviceGroupGrain>(group.Id).ListDevices();
            var devices = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IDeviceGrain>(id).Describe()));
            return new DeviceGroupDevices(group, [.. devices.OfType<DeviceInfo>().Where(filter.Matches).OrderBy(d => d.Nickname, StringComparer.OrdinalIgnoreCase)]);
        }))];
    }
}

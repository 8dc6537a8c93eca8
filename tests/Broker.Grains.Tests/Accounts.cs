using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Grains.DeviceGroups;
using Broker.Grains.UserGroups;

namespace Broker.Grains.Tests;

/// <summary>Builders for the accounts and groups tests need, each with fresh ids and unique names.</summary>
public static class Accounts
{
    public static async Task<Guid> NewUserGroup(this IGrainFactory grains, bool unattended = true, bool attended = true)
    {
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IUserGroupGrain>(id).Create($"Group {id:N}", unattended, attended);
        Assert.True(created.IsOk, created.Error);
        return id;
    }

    public static async Task<Guid> NewDeviceGroup(this IGrainFactory grains)
    {
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IDeviceGroupGrain>(id).Create($"Company {id:N}");
        Assert.True(created.IsOk, created.Error);
        return id;
    }

    public static AgentDraft Draft(Guid userGroupId, AgentRole role = AgentRole.Agent,
        UnattendedSupportOverride unattended = UnattendedSupportOverride.Inherit, string? email = null, params Guid[] deviceGroups) =>
        new(email ?? $"{Guid.NewGuid():N}@example.test", "Test Agent", "hash", role, userGroupId, unattended, deviceGroups);

    public static async Task<Guid> NewAgent(this IGrainFactory grains, AgentDraft draft)
    {
        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IAgentGrain>(id).Create(draft);
        Assert.True(created.IsOk, created.Error);
        return id;
    }
}

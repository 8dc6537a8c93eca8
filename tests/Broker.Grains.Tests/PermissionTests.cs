using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Grains.UserGroups;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PermissionTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Theory]
    [InlineData(false, UnattendedSupportOverride.Inherit, false)]
    [InlineData(true, UnattendedSupportOverride.Inherit, true)]
    [InlineData(false, UnattendedSupportOverride.Allow, true)]
    [InlineData(true, UnattendedSupportOverride.Deny, false)]
    [InlineData(true, UnattendedSupportOverride.Allow, true)]
    [InlineData(false, UnattendedSupportOverride.Deny, false)]
    public async Task The_agent_override_wins_over_the_user_group_setting(bool groupAllows, UnattendedSupportOverride agentOverride, bool expected)
    {
        var group = await Grains.NewUserGroup(unattended: groupAllows);
        var agent = await Grains.NewAgent(Accounts.Draft(group, unattended: agentOverride));

        var permissions = await Grains.GetGrain<IAgentGrain>(agent).GetPermissions();

        Assert.Equal(expected, permissions.Value!.UnattendedSupport);
    }

    [Fact]
    public async Task An_inheriting_agent_follows_a_change_of_its_user_group()
    {
        var group = await Grains.NewUserGroup(unattended: false);
        var agent = Grains.GetGrain<IAgentGrain>(await Grains.NewAgent(Accounts.Draft(group)));
        Assert.False((await agent.GetPermissions()).Value!.UnattendedSupport);

        await Grains.GetGrain<IUserGroupGrain>(group).Update(null, unattendedSupport: true, attendedSupport: null);

        Assert.True((await agent.GetPermissions()).Value!.UnattendedSupport);
    }

    [Fact]
    public async Task Attended_support_comes_from_the_user_group()
    {
        var group = await Grains.NewUserGroup(attended: false);
        var agent = await Grains.NewAgent(Accounts.Draft(group, unattended: UnattendedSupportOverride.Allow));

        var permissions = (await Grains.GetGrain<IAgentGrain>(agent).GetPermissions()).Value!;

        Assert.False(permissions.AttendedSupport);
        Assert.True(permissions.UnattendedSupport);
    }

    [Fact]
    public async Task An_agent_reaches_only_its_assigned_device_groups_and_an_admin_reaches_all()
    {
        var group = await Grains.NewUserGroup();
        var assigned = await Grains.NewDeviceGroup();
        var other = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(group, deviceGroups: assigned));
        var admin = await Grains.NewAgent(Accounts.Draft(group, AgentRole.Admin));

        var agentGroups = (await Grains.GetGrain<IAgentGrain>(agent).GetProfile()).Value!.DeviceGroups.Select(g => g.Id).ToList();
        var adminGroups = (await Grains.GetGrain<IAgentGrain>(admin).GetProfile()).Value!.DeviceGroups.Select(g => g.Id).ToList();

        Assert.Equal([assigned], agentGroups);
        Assert.Contains(assigned, adminGroups);
        Assert.Contains(other, adminGroups);
    }
}

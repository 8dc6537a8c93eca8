using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceGroupTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Rotating_the_enrollment_code_makes_a_new_one_and_the_old_one_stops_matching()
    {
        var id = await Grains.NewDeviceGroup();
        var group = Grains.GetGrain<IDeviceGroupGrain>(id);
        var before = (await group.Get()).Value!.EnrollmentCode!;

        var rotated = (await group.RotateEnrollmentCode()).Value!;

        Assert.NotEqual(before, rotated);
        Assert.Equal(rotated, (await group.Get()).Value!.EnrollmentCode);
        Assert.Equal(id, EnrollmentCodeMinter.GroupOf(rotated));
        Assert.True(fixture.Codes.Matches(rotated, id, 2));
        Assert.False(fixture.Codes.Matches(before, id, 2));
    }

    [Fact]
    public async Task A_revoked_code_is_not_shown_until_the_next_rotation()
    {
        var group = Grains.GetGrain<IDeviceGroupGrain>(await Grains.NewDeviceGroup());

        await group.RevokeEnrollmentCode();
        Assert.Null((await group.Get()).Value!.EnrollmentCode);

        var fresh = (await group.RotateEnrollmentCode()).Value;
        Assert.Equal(fresh, (await group.Get()).Value!.EnrollmentCode);
    }

    [Fact]
    public async Task Deleting_a_device_group_takes_it_from_every_agent()
    {
        var userGroup = await Grains.NewUserGroup();
        var kept = await Grains.NewDeviceGroup();
        var deleted = await Grains.NewDeviceGroup();
        var agent = Grains.GetGrain<IAgentGrain>(await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: [kept, deleted])));

        Assert.True((await Grains.GetGrain<IDeviceGroupGrain>(deleted).Delete()).IsOk);

        Assert.Equal([kept], (await agent.Get()).Value!.DeviceGroupIds);
        Assert.Equal(OutcomeKind.NotFound, (await Grains.GetGrain<IDeviceGroupGrain>(deleted).Get()).Kind);
    }

    [Fact]
    public async Task Device_group_names_are_unique()
    {
        var name = $"Contoso {Guid.NewGuid():N}";
        Assert.True((await Grains.GetGrain<IDeviceGroupGrain>(Guid.NewGuid()).Create(name)).IsOk);

        var duplicate = await Grains.GetGrain<IDeviceGroupGrain>(Guid.NewGuid()).Create($"  {name.ToLowerInvariant()} ");

        Assert.Equal(OutcomeKind.Conflict, duplicate.Kind);
    }
}

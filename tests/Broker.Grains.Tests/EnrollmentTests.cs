using Broker.Contracts.Agents;
using Broker.Contracts.Devices;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Devices;
using Broker.Grains.Enrollment;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EnrollmentTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IEnrollmentGrain Enrollment => Grains.GetGrain<IEnrollmentGrain>(0);

    private static MachineFacts NewMachine(string name = "PC-0042") => new(Guid.NewGuid().ToString(), name, "Windows 11 Pro");

    private async Task<string> CodeOf(Guid group) => (await Grains.GetGrain<IDeviceGroupGrain>(group).Get()).Value!.EnrollmentCode!;

    [Fact]
    public async Task An_installer_enrols_into_its_group_with_the_computer_name_as_nickname()
    {
        var group = await Grains.NewDeviceGroup();

        var enrolled = await Enrollment.EnrollWithCode(await CodeOf(group), NewMachine("FRONTDESK-01"));

        Assert.True(enrolled.IsOk, enrolled.Error);
        Assert.Equal(("FRONTDESK-01", group), (enrolled.Value!.Nickname, enrolled.Value.DeviceGroupId));
        var device = (await Grains.GetGrain<IDeviceGrain>(enrolled.Value.DeviceId).Describe())!;
        Assert.Equal(EnrollmentMethod.Installer, device.Method);
        Assert.False(device.CredentialStored);
        Assert.Contains(enrolled.Value.DeviceId, await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices());
        Assert.True(await Grains.GetGrain<IDeviceGrain>(enrolled.Value.DeviceId).VerifyToken(enrolled.Value.DeviceToken));
    }

    [Fact]
    public async Task The_same_machine_enrols_as_the_same_device_and_only_the_newest_token_works()
    {
        var group = await Grains.NewDeviceGroup();
        var machine = NewMachine();
        var first = (await Enrollment.EnrollWithCode(await CodeOf(group), machine)).Value!;

        var second = (await Enrollment.EnrollWithCode(await CodeOf(group), machine)).Value!;

        Assert.Equal(first.DeviceId, second.DeviceId);
        Assert.Single(await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices());
        var device = Grains.GetGrain<IDeviceGrain>(first.DeviceId);
        Assert.False(await device.VerifyToken(first.DeviceToken));
        Assert.True(await device.VerifyToken(second.DeviceToken));
    }

    [Fact]
    public async Task Concurrent_enrollments_of_one_machine_make_one_device()
    {
        var group = await Grains.NewDeviceGroup();
        var code = await CodeOf(group);
        var machine = NewMachine();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Enrollment.EnrollWithCode(code, machine)));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error));
        Assert.Single(results.Select(r => r.Value!.DeviceId).Distinct());
        Assert.Single(await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices());
    }

    [Fact]
    public async Task A_mass_deployment_enrols_every_machine_once()
    {
        var group = await Grains.NewDeviceGroup();
        var code = await CodeOf(group);

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Enrollment.EnrollWithCode(code, NewMachine($"PC-{i:D4}"))));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error));
        var devices = await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices();
        Assert.Equal(300, devices.Length);
        Assert.Equal(devices.Order(), results.Select(r => r.Value!.DeviceId).Order());
    }

    [Fact]
    public async Task A_rotated_or_revoked_code_enrols_nobody()
    {
        var id = await Grains.NewDeviceGroup();
        var group = Grains.GetGrain<IDeviceGroupGrain>(id);
        var old = await CodeOf(id);
        var current = (await group.RotateEnrollmentCode()).Value!;

        Assert.Equal(OutcomeKind.Forbidden, (await Enrollment.EnrollWithCode(old, NewMachine())).Kind);
        Assert.True((await Enrollment.EnrollWithCode(current, NewMachine())).IsOk);

        await group.RevokeEnrollmentCode();
        Assert.Equal(OutcomeKind.Forbidden, (await Enrollment.EnrollWithCode(current, NewMachine())).Kind);
        Assert.Equal(OutcomeKind.Forbidden, (await Enrollment.EnrollWithCode("ec1-garbage", NewMachine())).Kind);
    }

    [Fact]
    public async Task The_portal_links_a_machine_to_a_device_group_of_the_agent_even_without_unattended_permission()
    {
        var userGroup = await Grains.NewUserGroup(unattended: false);
        var mine = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: mine));

        var enrolled = await Enrollment.EnrollWithAgent(agent, NewMachine(), "Reception PC", mine, credentialStored: true);

        Assert.True(enrolled.IsOk, enrolled.Error);
        var device = (await Grains.GetGrain<IDeviceGrain>(enrolled.Value!.DeviceId).Describe())!;
        Assert.Equal(("Reception PC", EnrollmentMethod.Portal, true), (device.Nickname, device.Method, device.CredentialStored));
        Assert.Equal((await Grains.GetGrain<IAgentGrain>(agent).Get()).Value!.Email, device.EnrolledBy);
    }

    [Theory]
    [InlineData(true, UnattendedSupportOverride.Inherit)]
    [InlineData(false, UnattendedSupportOverride.Inherit)]
    [InlineData(true, UnattendedSupportOverride.Allow)]
    [InlineData(false, UnattendedSupportOverride.Allow)]
    [InlineData(true, UnattendedSupportOverride.Deny)]
    [InlineData(false, UnattendedSupportOverride.Deny)]
    public async Task Portal_setup_completes_whatever_the_agent_s_unattended_permission(bool groupAllows, UnattendedSupportOverride agentOverride)
    {
        var userGroup = await Grains.NewUserGroup(unattended: groupAllows);
        var mine = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, unattended: agentOverride, deviceGroups: mine));

        var enrolled = await Enrollment.EnrollWithAgent(agent, NewMachine(), "PC", mine, credentialStored: false);

        Assert.True(enrolled.IsOk, enrolled.Error);
    }

    [Fact]
    public async Task The_portal_refuses_a_device_group_the_agent_does_not_reach()
    {
        var userGroup = await Grains.NewUserGroup();
        var mine = await Grains.NewDeviceGroup();
        var other = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: mine));

        var refused = await Enrollment.EnrollWithAgent(agent, NewMachine(), "PC", other, credentialStored: false);

        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        Assert.Empty(await Grains.GetGrain<IDeviceGroupGrain>(other).ListDevices());
    }

    [Fact]
    public async Task Only_agents_of_the_device_s_group_can_see_rename_move_or_remove_it()
    {
        var userGroup = await Grains.NewUserGroup();
        var group = await Grains.NewDeviceGroup();
        var second = await Grains.NewDeviceGroup();
        var insider = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: [group, second]));
        var outsider = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: second));
        var enrolled = (await Enrollment.EnrollWithCode(await CodeOf(group), NewMachine())).Value!;
        var device = Grains.GetGrain<IDeviceGrain>(enrolled.DeviceId);

        Assert.Equal(OutcomeKind.NotFound, (await device.Get(outsider)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await device.Rename(outsider, "Mine now")).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await device.Remove(outsider)).Kind);
        Assert.Equal(enrolled.Nickname, (await device.Describe())!.Nickname);

        Assert.Equal("Front desk", (await device.Rename(insider, " Front desk ")).Value!.Nickname);
        Assert.Equal(second, (await device.Move(insider, second)).Value!.DeviceGroupId);
        Assert.DoesNotContain(enrolled.DeviceId, await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices());
        Assert.True((await device.Get(outsider)).IsOk);
    }

    [Fact]
    public async Task Removing_a_device_ends_its_token_and_the_machine_enrols_as_a_new_device()
    {
        var userGroup = await Grains.NewUserGroup();
        var group = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: group));
        var machine = NewMachine();
        var enrolled = (await Enrollment.EnrollWithCode(await CodeOf(group), machine)).Value!;
        var device = Grains.GetGrain<IDeviceGrain>(enrolled.DeviceId);

        Assert.True((await device.Remove(agent)).IsOk);

        Assert.False(await device.VerifyToken(enrolled.DeviceToken));
        Assert.Empty(await Grains.GetGrain<IDeviceGroupGrain>(group).ListDevices());
        var again = (await Enrollment.EnrollWithCode(await CodeOf(group), machine)).Value!;
        Assert.NotEqual(enrolled.DeviceId, again.DeviceId);
    }

    [Fact]
    public async Task A_device_group_with_devices_cannot_be_deleted()
    {
        var group = await Grains.NewDeviceGroup();
        await Enrollment.EnrollWithCode(await CodeOf(group), NewMachine());

        Assert.Equal(OutcomeKind.Conflict, (await Grains.GetGrain<IDeviceGroupGrain>(group).Delete()).Kind);
    }

    [Fact]
    public async Task An_agent_finds_devices_only_in_its_groups_by_text()
    {
        var userGroup = await Grains.NewUserGroup();
        var mine = await Grains.NewDeviceGroup();
        var other = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: mine));
        await Enrollment.EnrollWithCode(await CodeOf(mine), NewMachine("ACCOUNTING-7"));
        await Enrollment.EnrollWithCode(await CodeOf(mine), NewMachine("WAREHOUSE-2"));
        await Enrollment.EnrollWithCode(await CodeOf(other), NewMachine("ACCOUNTING-9"));

        var found = await Grains.GetGrain<IDeviceQueryGrain>(0).Find(agent, new DeviceFilter(Text: "accounting"));

        var group = Assert.Single(found);
        Assert.Equal(mine, group.DeviceGroup.Id);
        Assert.Equal(["ACCOUNTING-7"], group.Devices.Select(d => d.Nickname));
    }
}

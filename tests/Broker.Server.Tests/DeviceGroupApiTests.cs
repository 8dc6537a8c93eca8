using System.Net;
using Broker.Contracts;
using Broker.Contracts.DeviceGroups;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class DeviceGroupApiTests(HostFixture fixture)
{
    [Fact]
    public async Task A_device_group_is_created_renamed_listed_and_deleted()
    {
        using var admin = await fixture.AdminAsync();
        var created = await admin.CreateDeviceGroupAsync();
        Assert.StartsWith("ec1-", created.EnrollmentCode);

        var renamed = await (await admin.PatchAsync(Routes.DeviceGroup(created.Id), new UpdateDeviceGroupRequest("Renamed " + created.Name)))
            .ExpectAsync<DeviceGroupResponse>(HttpStatusCode.OK);
        Assert.Equal("Renamed " + created.Name, renamed.Name);
        Assert.Contains(renamed, await (await admin.GetAsync(Routes.DeviceGroups)).ExpectAsync<DeviceGroupResponse[]>(HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.DeviceGroup(created.Id))).StatusCode);
        await (await admin.GetAsync(Routes.DeviceGroup(created.Id))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rotating_the_enrollment_code_replaces_it_and_revoking_hides_it()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();

        var rotated = await (await admin.PostAsync(Routes.RotateEnrollmentCode(group.Id), new { }))
            .ExpectAsync<EnrollmentCodeResponse>(HttpStatusCode.OK);

        Assert.NotEqual(group.EnrollmentCode, rotated.EnrollmentCode);
        var after = await (await admin.GetAsync(Routes.DeviceGroup(group.Id))).ExpectAsync<DeviceGroupResponse>(HttpStatusCode.OK);
        Assert.Equal(rotated.EnrollmentCode, after.EnrollmentCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.EnrollmentCode(group.Id))).StatusCode);
        Assert.Null((await (await admin.GetAsync(Routes.DeviceGroup(group.Id))).ExpectAsync<DeviceGroupResponse>(HttpStatusCode.OK)).EnrollmentCode);
    }

    [Fact]
    public async Task Agents_cannot_read_enrollment_codes()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);

        await (await client.GetAsync(Routes.DeviceGroup(group.Id))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync(Routes.RotateEnrollmentCode(group.Id), new { })).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Duplicate_names_conflict_and_unknown_groups_are_404()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();

        await (await admin.PostAsync(Routes.DeviceGroups, new CreateDeviceGroupRequest(group.Name))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync(Routes.RotateEnrollmentCode(Guid.NewGuid()), new { })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync(Routes.DeviceGroups, new CreateDeviceGroupRequest(new string('x', 101)))).ExpectValidationErrorAsync("name");
    }
}

using System.Net;
using Broker.Contracts;
using Broker.Contracts.Audit;
using Broker.Contracts.Devices;
using Broker.Contracts.Enrollment;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class DeviceApiTests(HostFixture fixture)
{
    private static EnrollRequest Installer(string code, string? machineKey = null, string computerName = "PC-0042") =>
        new(EnrollMethods.Installer, machineKey ?? Guid.NewGuid().ToString(), computerName, "Windows 11 Pro", EnrollmentCode: code);

    private async Task<EnrollResponse> EnrolAsync(EnrollRequest request)
    {
        using var endpoint = ApiClient.Anonymous(fixture.Host);
        return await (await endpoint.PostAsync(Routes.Enroll, request)).ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_installer_enrolment_shows_up_for_the_agents_of_its_group_on_the_devices_page_and_the_dashboard()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);

        var enrolled = await EnrolAsync(Installer(group.EnrollmentCode!, computerName: "FRONTDESK-01"));

        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);
        var devices = await (await client.GetAsync(Routes.Devices)).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK);
        var device = Assert.Single(devices);
        Assert.Equal((enrolled.DeviceId, "FRONTDESK-01", EnrollmentMethod.Installer, group.Id), (device.Id, device.Nickname, device.EnrollmentMethod, device.DeviceGroupId));
        var dashboard = await (await client.GetAsync(Routes.Dashboard)).ExpectAsync<DashboardGroupResponse[]>(HttpStatusCode.OK);
        var row = Assert.Single(dashboard);
        Assert.Equal((group.Id, 1), (row.DeviceGroup.Id, row.DeviceCount));
        var json = await (await client.GetAsync(Routes.Device(device.Id))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"enrollmentMethod\":\"installer\"", json);
        Assert.DoesNotContain(enrolled.DeviceToken, json);
    }

    [Fact]
    public async Task The_same_machine_key_enrols_the_same_device_again()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var machineKey = Guid.NewGuid().ToString();

        var first = await EnrolAsync(Installer(group.EnrollmentCode!, machineKey));
        var second = await EnrolAsync(Installer(group.EnrollmentCode!, machineKey));

        Assert.Equal(first.DeviceId, second.DeviceId);
        Assert.NotEqual(first.DeviceToken, second.DeviceToken);
        Assert.Single(await (await admin.GetAsync($"{Routes.Devices}?groupId={group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_rotated_or_malformed_code_is_refused_and_enrols_nothing()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        await admin.PostAsync(Routes.RotateEnrollmentCode(group.Id), new { });
        using var endpoint = ApiClient.Anonymous(fixture.Host);

        var rotated = await (await endpoint.PostAsync(Routes.Enroll, Installer(group.EnrollmentCode!))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await endpoint.PostAsync(Routes.Enroll, Installer("not-a-code"))).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("rotated or revoked", rotated.GetProperty("detail").GetString());
        Assert.Empty(await (await admin.GetAsync($"{Routes.Devices}?groupId={group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Bad_enrolment_requests_name_what_is_wrong()
    {
        using var endpoint = ApiClient.Anonymous(fixture.Host);

        await (await endpoint.PostAsync(Routes.Enroll, new EnrollRequest("carrier-pigeon", "k", "", ""))).ExpectValidationErrorAsync("method");
        var bad = await endpoint.PostAsync(Routes.Enroll, new EnrollRequest(EnrollMethods.Installer, "short", "", "", EnrollmentCode: ""));
        foreach (var field in new[] { "machineKey", "computerName", "os", "enrollmentCode" })
        {
            await bad.ExpectValidationErrorAsync(field);
        }

        var portal = await endpoint.PostAsync(Routes.Enroll, new EnrollRequest(EnrollMethods.Portal, Guid.NewGuid().ToString(), "PC", "Linux",
            Email: "", Password: "", Nickname: new string('n', 101), DeviceGroupId: null));
        foreach (var field in new[] { "email", "password", "nickname", "deviceGroupId" })
        {
            await portal.ExpectValidationErrorAsync(field);
        }
    }

    [Fact]
    public async Task The_portal_enrols_with_an_agent_s_credentials_into_one_of_the_agent_s_groups()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: false);
        var mine = await admin.CreateDeviceGroupAsync();
        var other = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: mine.Id);
        using var endpoint = ApiClient.Anonymous(fixture.Host);
        EnrollRequest Portal(string pw, Guid group) => new(EnrollMethods.Portal, Guid.NewGuid().ToString(), "RECEPTION", "macOS 15",
            Email: agent.Email, Password: pw, Nickname: "Reception Mac", DeviceGroupId: group, CredentialStored: true);

        await (await endpoint.PostAsync(Routes.Enroll, Portal("wrong-password", mine.Id))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await endpoint.PostAsync(Routes.Enroll, Portal(password, other.Id))).ExpectValidationErrorAsync("deviceGroupId");
        var enrolled = await (await endpoint.PostAsync(Routes.Enroll, Portal(password, mine.Id))).ExpectAsync<EnrollResponse>(HttpStatusCode.OK);

        var device = await (await admin.GetAsync(Routes.Device(enrolled.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.Equal(("Reception Mac", EnrollmentMethod.Portal, true, agent.Email), (device.Nickname, device.EnrollmentMethod, device.CredentialStored, device.EnrolledBy));
        Assert.Empty(await (await admin.GetAsync($"{Routes.Devices}?groupId={other.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task An_agent_of_another_group_can_neither_see_nor_touch_the_device()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var elsewhere = await admin.CreateDeviceGroupAsync();
        var (outsider, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: elsewhere.Id);
        var enrolled = await EnrolAsync(Installer(group.EnrollmentCode!));
        using var client = await ApiClient.SignInAsync(fixture.Host, outsider.Email, password);

        Assert.Empty(await (await client.GetAsync(Routes.Devices)).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
        await (await client.GetAsync(Routes.Device(enrolled.DeviceId))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsync(Routes.Device(enrolled.DeviceId), new UpdateDeviceRequest("Mine", null))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(Routes.Device(enrolled.DeviceId))).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("PC-0042", (await (await admin.GetAsync(Routes.Device(enrolled.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Nickname);
    }

    [Fact]
    public async Task A_device_is_renamed_moved_and_removed_and_each_step_is_audited()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var target = await admin.CreateDeviceGroupAsync();
        var enrolled = await EnrolAsync(Installer(group.EnrollmentCode!));

        await (await admin.PatchAsync(Routes.Device(enrolled.DeviceId), new UpdateDeviceRequest(new string('x', 101), null))).ExpectValidationErrorAsync("nickname");
        var moved = await (await admin.PatchAsync(Routes.Device(enrolled.DeviceId), new UpdateDeviceRequest("Front desk", target.Id)))
            .ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.Equal(("Front desk", target.Id), (moved.Nickname, moved.DeviceGroupId));
        await (await admin.PatchAsync(Routes.Device(enrolled.DeviceId), new UpdateDeviceRequest(null, Guid.NewGuid()))).ExpectValidationErrorAsync("deviceGroupId");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.Device(enrolled.DeviceId))).StatusCode);
        await (await admin.GetAsync(Routes.Device(enrolled.DeviceId))).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.DeviceGroup(group.Id))).StatusCode);

        var audit = await (await admin.GetAsync($"{Routes.Audit}?deviceId={enrolled.DeviceId}")).ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);
        Assert.Equal(
            [("device.remove", "success"), ("device.move", "failure"), ("device.move", "success"), ("device.rename", "success"), ("device.enroll", "success")],
            audit.Select(e => (e.Action, e.Outcome)));
    }

    [Fact]
    public async Task A_device_group_with_devices_cannot_be_deleted()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        await EnrolAsync(Installer(group.EnrollmentCode!));

        await (await admin.DeleteAsync(Routes.DeviceGroup(group.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Routes.DeviceGroup(group.Id))).StatusCode);
    }
}

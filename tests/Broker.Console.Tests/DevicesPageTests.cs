using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Devices;
using Broker.Contracts.Enrollment;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DevicesPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_devices_page_searches_and_filters_the_inventory_and_renames_moves_and_removes_a_device()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        var otherGroup = await scene.Admin.CreateDeviceGroupAsync();
        await (await scene.Admin.PatchAsync(Routes.Agent(scene.AgentId), new UpdateAgentRequest(null, null, null, null, null, null, [scene.Group.Id, otherGroup.Id])))
            .ExpectAsync<AgentResponse>(HttpStatusCode.OK);
        var reception = await EnrolAsync(scene, "RECEPTION-01", "Windows 11 Pro");
        await EnrolAsync(scene, "WAREHOUSE-07", "Ubuntu 24.04");
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await tab.GoAsync("/devices");
        await tab["#device-group-filter"].SelectOptionAsync(scene.Group.Id.ToString());
        var rows = tab["table.devices-table tbody tr[data-device-id]"];
        await Expect(rows).ToHaveCountAsync(2);
        var row = tab[$"tr[data-device-id='{reception.DeviceId}']"];
        await Expect(row).ToContainTextAsync("Windows 11 Pro");
        await Expect(row).ToContainTextAsync("Installer");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("No");
        await Expect(row).ToContainTextAsync("Offline, last seen never");

        // Search and filters narrow the list through the API.
        await tab["#device-search"].FillAsync("ubuntu");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("WAREHOUSE-07");
        await tab["#device-search"].FillAsync("");
        await tab["#device-online-filter"].SelectOptionAsync("true");
        await Expect(tab["table.devices-table tbody"]).ToContainTextAsync("No devices match.");
        await tab["#device-online-filter"].SelectOptionAsync("false");
        await Expect(rows).ToHaveCountAsync(2);
        await tab.ShotAsync("devices-filtered");

        await row.GetByRole(AriaRole.Button, new() { Name = "Rename RECEPTION-01", Exact = true }).ClickAsync();
        await tab["#rename-nickname"].FillAsync("Front desk");
        await tab["#rename-nickname"].PressAsync("Enter");
        await Expect(tab.Notice).ToHaveTextAsync("Renamed to Front desk.");
        await Expect(row.Locator("th")).ToHaveTextAsync("Front desk");

        await tab["#device-group-filter"].SelectOptionAsync("");
        await row.GetByRole(AriaRole.Button, new() { Name = "Move Front desk", Exact = true }).ClickAsync();
        await tab["#move-group"].SelectOptionAsync(otherGroup.Id.ToString());
        await tab.ShotAsync("devices-move-dialog");
        await tab.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(row).ToContainTextAsync(otherGroup.Name);
        var moved = await (await scene.Admin.GetAsync(Routes.Device(reception.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.Equal(("Front desk", otherGroup.Id), (moved.Nickname, moved.DeviceGroupId));

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove Front desk", Exact = true }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(tab.Notice).ToHaveTextAsync("Removed Front desk.");
        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Admin.GetAsync(Routes.Device(reception.DeviceId))).StatusCode);

        // A refused change is said in words: the name the broker will not take.
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Rename WAREHOUSE-07", Exact = true }).ClickAsync();
        await tab["#rename-nickname"].FillAsync("   ");
        await tab["#rename-nickname"].PressAsync("Enter");
        await Expect(tab.Page.GetByRole(AriaRole.Dialog).Locator("[role=alert]")).ToContainTextAsync("nickname");
        await tab.ShotAsync("devices-refused-rename");
        tab.AssertNoScriptErrors();
    }

    private static async Task<EnrollResponse> EnrolAsync(ConsoleScene scene, string computerName, string os) =>
        await (await scene.Admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), computerName, os, EnrollmentCode: scene.Group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
}

using System.Net;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Enrollment;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class DeviceHubTests(HostFixture fixture)
{
    private async Task<(ApiClient Admin, EnrollResponse Device)> EnrolledDeviceAsync()
    {
        var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var enrolled = await (await admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-0042", "Windows 11 Pro", EnrollmentCode: group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
        return (admin, enrolled);
    }

    private static async Task<DeviceResponse> ReadAsync(ApiClient admin, Guid deviceId) =>
        await (await admin.GetAsync(Routes.Device(deviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);

    [Fact]
    public async Task A_device_is_online_while_its_endpoint_is_connected_and_offline_after()
    {
        var (admin, device) = await EnrolledDeviceAsync();
        using var _ = admin;
        await using var connection = DeviceConnection.Create(fixture.Host, device.DeviceToken);
        Assert.False((await ReadAsync(admin, device.DeviceId)).Online);

        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync("Heartbeat", TestContext.Current.CancellationToken);
        Assert.True((await ReadAsync(admin, device.DeviceId)).Online);

        await connection.StopAsync(TestContext.Current.CancellationToken);
        await DeviceConnection.Eventually(async () => !(await ReadAsync(admin, device.DeviceId)).Online, "the device is offline");
        Assert.NotNull((await ReadAsync(admin, device.DeviceId)).LastSeenAt);
    }

    [Theory]
    [InlineData("dt1.00000000000000000000000000000000.forged")]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task A_forged_or_missing_device_token_is_refused_at_connect(string token)
    {
        await using var connection = DeviceConnection.Create(fixture.Host, token);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task An_agent_token_does_not_open_the_device_hub()
    {
        using var admin = await fixture.AdminAsync();
        var agentToken = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var connection = DeviceConnection.Create(fixture.Host, agentToken);

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Removing_a_device_refuses_its_token_and_closes_its_live_connection()
    {
        var (admin, device) = await EnrolledDeviceAsync();
        using var _ = admin;
        await using var connection = DeviceConnection.Create(fixture.Host, device.DeviceToken);
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.Device(device.DeviceId))).StatusCode);
        try
        {
            await connection.InvokeAsync("Heartbeat", TestContext.Current.CancellationToken);
        }
        catch (Exception)
        {
            // The broker may close the connection before the heartbeat's answer arrives.
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await using var again = DeviceConnection.Create(fixture.Host, device.DeviceToken);
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_endpoint_tells_the_broker_only_that_an_os_login_is_stored()
    {
        var (admin, device) = await EnrolledDeviceAsync();
        using var _ = admin;
        await using var connection = DeviceConnection.Create(fixture.Host, device.DeviceToken);
        await connection.StartAsync(TestContext.Current.CancellationToken);

        await connection.InvokeAsync("SetCredentialStored", true, TestContext.Current.CancellationToken);

        Assert.True((await ReadAsync(admin, device.DeviceId)).CredentialStored);
    }
}

/// <summary>A host whose presence timeout is short, to see a silent endpoint go offline while still connected.</summary>
public sealed class PresenceTimeoutTests
{
    [Fact]
    public async Task An_endpoint_whose_heartbeats_stop_goes_offline()
    {
        await using var host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?> { ["Broker:Presence:Timeout"] = "00:00:06" });
        using var admin = await ApiClient.SignInAsync(host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        var group = await admin.CreateDeviceGroupAsync();
        var device = await (await admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC", "Linux", EnrollmentCode: group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
        await using var connection = DeviceConnection.Create(host, device.DeviceToken);
        await connection.StartAsync(TestContext.Current.CancellationToken);

        // Online first (the connect is handled a moment after StartAsync returns), then offline with no heartbeat.
        await DeviceConnection.Eventually(
            async () => (await (await admin.GetAsync(Routes.Device(device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online,
            "the device is online once connected");
        await DeviceConnection.Eventually(
            async () => !(await (await admin.GetAsync(Routes.Device(device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online,
            "the silent device is offline");

        Assert.Equal(HubConnectionState.Connected, connection.State);
        await connection.InvokeAsync("Heartbeat", TestContext.Current.CancellationToken);
        Assert.True((await (await admin.GetAsync(Routes.Device(device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online);
    }
}

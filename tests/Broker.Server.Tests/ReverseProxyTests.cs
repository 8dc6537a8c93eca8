using System.Net;
using System.Net.Http.Json;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>The nginx example (infra/proxy/broker.conf) with the real nginx: valid as written, and it carries the API and the hubs.</summary>
public sealed class ReverseProxyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_nginx_example_is_valid_as_written()
    {
        var (exitCode, output) = NginxProcess.Check();

        Assert.True(exitCode == 0, $"nginx -t failed: {output}");
        Assert.Contains("test is successful", output);
    }

    [Fact]
    public async Task Through_the_nginx_example_the_api_and_a_hub_websocket_work_metrics_stay_inside_and_tokens_stay_out_of_the_log()
    {
        await using var host = await BrokerHost.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(host);
        using var http = new HttpClient { BaseAddress = nginx.Address };

        var login = await http.PostAsJsonAsync(Routes.Login, new LoginRequest(BrokerHost.AdminEmail, BrokerHost.AdminPassword), BrokerJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var admin = await ApiClient.SignInAsync(host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        var group = await admin.CreateDeviceGroupAsync();
        var device = await (await http.PostAsJsonAsync(Routes.Enroll, new EnrollRequest(
            EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-9", "Linux", EnrollmentCode: group.EnrollmentCode), BrokerJson.Options, Cancel))
            .ExpectAsync<EnrollResponse>(HttpStatusCode.OK);

        // The endpoint's way: WebSockets only, no negotiation, the token in the query string as SignalR sends it.
        await using var endpoint = new HubConnectionBuilder()
            .WithUrl(new Uri(nginx.Address, HubRoutes.Device), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(device.DeviceToken);
            })
            .Build();
        await endpoint.StartAsync(Cancel);
        await endpoint.InvokeAsync(nameof(IDeviceHub.Heartbeat), Cancel);
        await DeviceConnection.Eventually(async () =>
            (await (await admin.GetAsync(Routes.Device(device.DeviceId))).Content.ReadAsStringAsync(Cancel)).Contains("\"online\":true"),
            "the device connected through nginx is online");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/metrics", Cancel)).StatusCode);
        using var withQueryToken = await http.GetAsync($"{HubRoutes.Agent}?access_token=secret-in-the-query", Cancel);
        await endpoint.StopAsync(Cancel);

        // nginx logs a WebSocket when it closes.
        await DeviceConnection.Eventually(() => Task.FromResult(nginx.AccessLog.Contains($"GET {HubRoutes.Device} ")), "nginx logged the endpoint's WebSocket");
        Assert.Contains("GET /metrics ", nginx.AccessLog);
        Assert.DoesNotContain("secret-in-the-query", nginx.AccessLog);
        Assert.DoesNotContain(device.DeviceToken, nginx.AccessLog);
    }
}

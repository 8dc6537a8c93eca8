using System.Net;
using System.Net.Http.Headers;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Broker.Server.Tests;

/// <summary>Logs at Debug, everything the broker and its libraries write: no password, token, code or key in it.</summary>
public sealed class LogSecretsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_ins_enrollment_joins_and_hub_connections_leave_no_secret_in_the_logs()
    {
        var logs = new CapturedLogs();
        await using var host = await BrokerHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:LogLevel:Orleans"] = "Debug",
            },
            configure: builder => builder.Logging.ClearProviders().AddProvider(logs));
        using var admin = await ApiClient.SignInAsync(host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        var userGroup = await admin.CreateUserGroupAsync(unattended: true);
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        using var anonymous = ApiClient.Anonymous(host);
        await anonymous.PostAsync(Routes.Login, new LoginRequest(agent.Email, "a-wrong-password-7"));
        using var signedIn = await ApiClient.SignInAsync(host, agent.Email, password);
        var agentToken = signedIn.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var device = await (await anonymous.PostAsync(Routes.Enroll, new EnrollRequest(
            EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-7", "Linux", EnrollmentCode: group.EnrollmentCode))).ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
        var portal = await (await anonymous.PostAsync(Routes.Enroll, new EnrollRequest(
            EnrollMethods.Portal, Guid.NewGuid().ToString(), "PC-8", "Linux", Email: agent.Email, Password: password, Nickname: "Eight",
            DeviceGroupId: group.Id, CredentialStored: false))).ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
        var session = await (await signedIn.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended))).ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(session.SupportKey!, "CUSTOMER-PC", "Windows 11", Guid.NewGuid().ToString())))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        await using (var endpoint = DeviceConnection.Create(host, device.DeviceToken))
        await using (var customer = DeviceConnection.Create(host, joined.SessionToken))
        {
            await endpoint.StartAsync(Cancel);
            await endpoint.InvokeAsync("Heartbeat", Cancel);
            await customer.StartAsync(Cancel);
        }

        // A browser's SignalR client sends its token in the query string; so may a bad client send anything anywhere.
        using var http = host.CreateClient();
        await http.PostAsync($"{HubRoutes.Agent}/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(agentToken)}", null, Cancel);
        await http.GetAsync($"/api/me?access_token={Uri.EscapeDataString(agentToken)}", Cancel);
        using var bogus = new HttpRequestMessage(HttpMethod.Get, Routes.Me);
        bogus.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentToken + "x");
        await http.SendAsync(bogus, Cancel);

        Assert.NotEmpty(logs.Entries);
        var secrets = new Dictionary<string, string>
        {
            ["the admin's password"] = BrokerHost.AdminPassword,
            ["the agent's password"] = password,
            ["a wrong password"] = "a-wrong-password-7",
            ["an agent's token"] = agentToken,
            ["an enrollment code"] = group.EnrollmentCode!,
            ["a device token"] = device.DeviceToken,
            ["a portal-enrolled device's token"] = portal.DeviceToken,
            ["a support key"] = session.SupportKey!,
            ["a session token"] = joined.SessionToken,
        };
        foreach (var (what, secret) in secrets)
        {
            var leak = logs.Entries.FirstOrDefault(entry => entry.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"{what} is in the log: {leak}");
        }
    }
}

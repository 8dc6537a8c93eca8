using System.Net;
using Broker.Contracts;
using Broker.Contracts.Sessions;
using Microsoft.Extensions.Options;

namespace Broker.Server.Tests;

/// <summary>A host whose grace for a vanished customer is short, to see an attended session end when its customer does not come back.</summary>
public sealed class CustomerGraceTests
{
    [Fact]
    public async Task An_attended_session_whose_customer_s_computer_goes_for_good_ends_and_the_agent_hears_why()
    {
        await using var host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?> { ["Broker:Sessions:CustomerGrace"] = "00:00:10" });
        using var admin = await ApiClient.SignInAsync(host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        var (agent, password) = await admin.CreateAgentAsync((await admin.CreateUserGroupAsync()).Id);
        using var client = await ApiClient.SignInAsync(host, agent.Email, password);
        var session = await (await client.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        await using var viewer = await LiveScene.ViewerAsync(host, client);
        using var anonymous = ApiClient.Anonymous(host);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(session.SupportKey!, "CUSTOMER-PC", "Windows 11 Pro", Guid.NewGuid().ToString())))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        var customer = DeviceConnection.Create(host, joined.SessionToken);
        await customer.StartTakenAsync();
        Assert.True((await (await client.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK)).Customer!.Connected);

        // The computer is switched off: its connection closes and never comes back.
        await customer.DisposeAsync();

        var (endedId, reason) = await viewer.Ended.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal((session.SessionId, "The customer's computer was disconnected for 10 seconds and did not come back."), (endedId, reason));
        var read = await (await client.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal(("ended", reason), (read.State, read.EndedReason));

        // The session token opens nothing any more.
        await using var again = DeviceConnection.Create(host, joined.SessionToken);
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_grace_of_zero_is_refused_at_start_with_the_setting_named()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BrokerHost.StartAsync(settings: new Dictionary<string, string?> { ["Broker:Sessions:CustomerGrace"] = "00:00:00" }));
        Assert.Contains("Broker:Sessions:CustomerGrace", refused.Message);
    }
}

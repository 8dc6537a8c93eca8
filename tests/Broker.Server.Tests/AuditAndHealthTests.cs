using System.Net;
using System.Text.Json;
using Broker.Contracts;
using Broker.Contracts.Audit;
using Broker.Contracts.Auth;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class AuditAndHealthTests(HostFixture fixture)
{
    [Fact]
    public async Task Logins_and_admin_changes_are_audited_with_actor_target_outcome_and_address()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, _) = await admin.CreateAgentAsync(group.Id);
        using var anonymous = ApiClient.Anonymous(fixture.Host);
        await anonymous.PostAsync(Routes.Login, new LoginRequest(agent.Email, "wrong-password"));

        var mine = await (await admin.GetAsync($"{Routes.Audit}?actor={Uri.EscapeDataString(BrokerHost.AdminEmail)}&since={Uri.EscapeDataString(since.ToString("O"))}"))
            .ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);
        var failed = await (await admin.GetAsync($"{Routes.Audit}?actor={Uri.EscapeDataString(agent.Email)}"))
            .ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);

        Assert.Contains(mine, e => e is { Action: "user-group.create", Outcome: "success" } && e.Target == group.Id.ToString() && e.Address == "127.0.0.1");
        Assert.Contains(mine, e => e.Action == "agent.create" && e.Target == agent.Id.ToString());
        Assert.Contains(mine, e => e is { Action: "auth.login", Outcome: "success" });
        Assert.All(mine, e => Assert.True(e.Time >= since.AddSeconds(-1)));
        var login = Assert.Single(failed);
        Assert.Equal(("auth.login", "failure"), (login.Action, login.Outcome));
    }

    [Fact]
    public async Task A_refused_change_is_audited_as_a_failure()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        await admin.CreateAgentAsync(group.Id);
        await admin.DeleteAsync(Routes.UserGroup(group.Id));

        var events = await (await admin.GetAsync($"{Routes.Audit}?action=user-group.delete&limit=20")).ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);

        Assert.Contains(events, e => e.Target == group.Id.ToString() && e.Outcome == "failure" && e.Detail!.Contains("still has"));
    }

    [Fact]
    public async Task The_audit_log_checks_its_filters()
    {
        using var admin = await fixture.AdminAsync();

        await (await admin.GetAsync($"{Routes.Audit}?limit=0")).ExpectValidationErrorAsync("limit");
        await (await admin.GetAsync($"{Routes.Audit}?since=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_says_live_and_ready_with_the_silo_and_the_database()
    {
        using var anonymous = ApiClient.Anonymous(fixture.Host);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Routes.HealthLive)).StatusCode);
        var ready = await anonymous.GetAsync(Routes.HealthReady);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("installers").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api()
    {
        using var anonymous = ApiClient.Anonymous(fixture.Host);

        var document = JsonDocument.Parse(await (await anonymous.GetAsync(Routes.OpenApi)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/login", "/api/me", "/api/user-groups", "/api/agents/{id}", "/api/device-groups/{id}/enrollment-code:rotate", "/api/audit" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}

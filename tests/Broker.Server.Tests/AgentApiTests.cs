using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Me;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class AgentApiTests(HostFixture fixture)
{
    [Fact]
    public async Task An_agent_is_created_read_listed_changed_and_deleted()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var devices = await admin.CreateDeviceGroupAsync();
        var (agent, _) = await admin.CreateAgentAsync(group.Id, AgentRole.Agent, UnattendedSupportOverride.Deny, devices.Id);

        Assert.Equal([devices.Id], agent.DeviceGroupIds);
        Assert.Equal(UnattendedSupportOverride.Deny, agent.UnattendedSupport);
        Assert.Equivalent(agent, await (await admin.GetAsync(Routes.Agent(agent.Id))).ExpectAsync<AgentResponse>(HttpStatusCode.OK), strict: true);
        Assert.Contains(await (await admin.GetAsync(Routes.Agents)).ExpectAsync<AgentResponse[]>(HttpStatusCode.OK), a => a.Id == agent.Id);

        var changed = await (await admin.PatchAsync(Routes.Agent(agent.Id),
                new UpdateAgentRequest(null, "Renamed", null, AgentRole.Admin, null, UnattendedSupportOverride.Inherit, [])))
            .ExpectAsync<AgentResponse>(HttpStatusCode.OK);
        Assert.Equal(("Renamed", AgentRole.Admin, UnattendedSupportOverride.Inherit), (changed.DisplayName, changed.Role, changed.UnattendedSupport));
        Assert.Empty(changed.DeviceGroupIds);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.Agent(agent.Id))).StatusCode);
        await (await admin.GetAsync(Routes.Agent(agent.Id))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_json_names_roles_and_overrides_as_the_contract_does()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, _) = await admin.CreateAgentAsync(group.Id, AgentRole.Admin, UnattendedSupportOverride.Allow);

        var json = await (await admin.GetAsync(Routes.Agent(agent.Id))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("\"role\":\"admin\"", json);
        Assert.Contains("\"unattendedSupport\":\"allow\"", json);
        Assert.DoesNotContain("password", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_invalid_member_is_named_in_the_errors_map()
    {
        using var admin = await fixture.AdminAsync();

        var response = await admin.PostAsync(Routes.Agents, new CreateAgentRequest("not-an-email", "", "short", null, null, null, [Guid.Empty]));

        foreach (var field in new[] { "email", "displayName", "password", "role", "userGroupId", "deviceGroupIds" })
        {
            await response.ExpectValidationErrorAsync(field);
        }
    }

    [Fact]
    public async Task An_unknown_user_group_or_device_group_is_a_validation_error()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();

        await (await admin.PostAsync(Routes.Agents, new CreateAgentRequest("a@example.test", "A", "long-enough-pw", AgentRole.Agent, Guid.NewGuid(), null, null)))
            .ExpectValidationErrorAsync("userGroupId");
        await (await admin.PostAsync(Routes.Agents, new CreateAgentRequest("a@example.test", "A", "long-enough-pw", AgentRole.Agent, group.Id, null, [Guid.NewGuid()])))
            .ExpectValidationErrorAsync("deviceGroupIds");
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_address_is_a_conflict()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, _) = await admin.CreateAgentAsync(group.Id);

        await (await admin.PostAsync(Routes.Agents, new CreateAgentRequest(agent.Email.ToUpperInvariant(), "Twin", "long-enough-pw", AgentRole.Agent, group.Id, null, null)))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_agent_sees_its_effective_permissions_and_only_its_device_groups_at_me()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync(unattended: false);
        var mine = await admin.CreateDeviceGroupAsync();
        var notMine = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id, AgentRole.Agent, UnattendedSupportOverride.Allow, mine.Id);
        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);

        var me = await (await client.GetAsync(Routes.Me)).ExpectAsync<MeResponse>(HttpStatusCode.OK);

        Assert.Equal(new EffectivePermissions(UnattendedSupport: true, AttendedSupport: true), me.Permissions);
        Assert.Equal(new NamedRef(group.Id, group.Name), me.UserGroup);
        Assert.Equal([new NamedRef(mine.Id, mine.Name)], me.DeviceGroups);
        Assert.DoesNotContain(me.DeviceGroups, g => g.Id == notMine.Id);
    }

    [Fact]
    public async Task The_override_deny_wins_over_a_user_group_that_allows()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync(unattended: true);
        var (agent, password) = await admin.CreateAgentAsync(group.Id, AgentRole.Agent, UnattendedSupportOverride.Deny);
        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);

        Assert.False((await (await client.GetAsync(Routes.Me)).ExpectAsync<MeResponse>(HttpStatusCode.OK)).Permissions.UnattendedSupport);

        await admin.PatchAsync(Routes.Agent(agent.Id), new UpdateAgentRequest(null, null, null, null, null, UnattendedSupportOverride.Inherit, null));

        Assert.True((await (await client.GetAsync(Routes.Me)).ExpectAsync<MeResponse>(HttpStatusCode.OK)).Permissions.UnattendedSupport);
    }
}

using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Audit;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.Me;
using Broker.Contracts.UserGroups;

namespace Broker.Server.Tests;

/// <summary>Local mode keeps everything in its data folder: a new host on the same folder reads it all back.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly string _dataPath = BrokerHost.NewDataPath();

    [Fact]
    public async Task A_restarted_host_reads_back_groups_agents_permissions_codes_and_audit()
    {
        UserGroupResponse group;
        DeviceGroupResponse devices;
        AgentResponse agent;
        string password;
        await using (var first = await BrokerHost.StartAsync(_dataPath))
        {
            using var admin = await ApiClient.SignInAsync(first, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
            group = await admin.CreateUserGroupAsync(unattended: true);
            devices = await admin.CreateDeviceGroupAsync();
            devices = devices with
            {
                EnrollmentCode = (await (await admin.PostAsync(Routes.RotateEnrollmentCode(devices.Id), new { }))
                    .ExpectAsync<EnrollmentCodeResponse>(HttpStatusCode.OK)).EnrollmentCode,
            };
            (agent, password) = await admin.CreateAgentAsync(group.Id, AgentRole.Agent, UnattendedSupportOverride.Deny, devices.Id);
        }

        await using var second = await BrokerHost.StartAsync(_dataPath);
        using var again = await ApiClient.SignInAsync(second, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        using var agentClient = await ApiClient.SignInAsync(second, agent.Email, password);

        var readGroup = await (await again.GetAsync(Routes.UserGroup(group.Id))).ExpectAsync<UserGroupResponse>(HttpStatusCode.OK);
        Assert.Equal(group with { AgentCount = 1 }, readGroup);
        Assert.Equal(devices, await (await again.GetAsync(Routes.DeviceGroup(devices.Id))).ExpectAsync<DeviceGroupResponse>(HttpStatusCode.OK));
        Assert.Equivalent(agent, await (await again.GetAsync(Routes.Agent(agent.Id))).ExpectAsync<AgentResponse>(HttpStatusCode.OK), strict: true);
        var me = await (await agentClient.GetAsync(Routes.Me)).ExpectAsync<MeResponse>(HttpStatusCode.OK);
        Assert.False(me.Permissions.UnattendedSupport);
        Assert.Equal([new NamedRef(devices.Id, devices.Name)], me.DeviceGroups);

        var audit = await (await again.GetAsync($"{Routes.Audit}?limit=1000")).ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);
        Assert.Contains(audit, e => e.Action == "agent.create" && e.Target == agent.Id.ToString());
        Assert.Single(audit, e => e.Action == "agent.bootstrap");
        var agents = await (await again.GetAsync(Routes.Agents)).ExpectAsync<AgentResponse[]>(HttpStatusCode.OK);
        Assert.Single(agents, a => a.Role == AgentRole.Admin);
    }

    [Fact]
    public async Task The_schema_is_applied_once_and_a_restart_applies_nothing_again()
    {
        await using (await BrokerHost.StartAsync(_dataPath))
        {
        }

        await using var second = await BrokerHost.StartAsync(_dataPath);
        var migrator = second.Services.GetRequiredService<Broker.Schema.SchemaMigrator>();

        Assert.Empty(await migrator.MigrateAsync(TestContext.Current.CancellationToken));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.UserGroups;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AccountRuleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Email_addresses_are_unique_regardless_of_case()
    {
        var group = await Grains.NewUserGroup();
        var email = $"{Guid.NewGuid():N}@Example.test";
        await Grains.NewAgent(Accounts.Draft(group, email: email));

        var second = await Grains.GetGrain<IAgentGrain>(Guid.NewGuid()).Create(Accounts.Draft(group, email: email.ToUpperInvariant()));

        Assert.Equal(OutcomeKind.Conflict, second.Kind);
        Assert.Equal("email", second.Field);
    }

    [Fact]
    public async Task Deleting_an_agent_frees_its_email_address()
    {
        var group = await Grains.NewUserGroup();
        var email = $"{Guid.NewGuid():N}@example.test";
        var first = await Grains.NewAgent(Accounts.Draft(group, email: email));

        Assert.True((await Grains.GetGrain<IAgentGrain>(first).Delete()).IsOk);

        Assert.True((await Grains.GetGrain<IAgentGrain>(Guid.NewGuid()).Create(Accounts.Draft(group, email: email))).IsOk);
    }

    [Fact]
    public async Task An_agent_in_an_unknown_user_group_is_refused_and_leaves_nothing_behind()
    {
        var email = $"{Guid.NewGuid():N}@example.test";

        var refused = await Grains.GetGrain<IAgentGrain>(Guid.NewGuid()).Create(Accounts.Draft(Guid.NewGuid(), email: email));

        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        Assert.Equal("userGroupId", refused.Field);
        Assert.Null(await Grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).Find(email));
    }

    [Fact]
    public async Task An_agent_with_an_unknown_device_group_is_refused()
    {
        var group = await Grains.NewUserGroup();

        var refused = await Grains.GetGrain<IAgentGrain>(Guid.NewGuid()).Create(Accounts.Draft(group, deviceGroups: Guid.NewGuid()));

        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        Assert.Equal("deviceGroupIds", refused.Field);
    }

    [Fact]
    public async Task A_refused_update_changes_nothing()
    {
        var group = await Grains.NewUserGroup();
        var taken = $"{Guid.NewGuid():N}@example.test";
        await Grains.NewAgent(Accounts.Draft(group, email: taken));
        var agent = Grains.GetGrain<IAgentGrain>(await Grains.NewAgent(Accounts.Draft(group)));
        var before = (await agent.Get()).Value!;

        var refused = await agent.Update(new AgentChanges(DisplayName: "Renamed", UserGroupId: Guid.NewGuid()));

        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        Assert.Equal(before, (await agent.Get()).Value);
        Assert.Equal(before.Id, await Grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).Find(before.Email));
    }

    [Fact]
    public async Task A_user_group_with_agents_cannot_be_deleted_until_they_move()
    {
        var group = await Grains.NewUserGroup();
        var other = await Grains.NewUserGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(group));

        var refused = await Grains.GetGrain<IUserGroupGrain>(group).Delete();
        Assert.Equal(OutcomeKind.Conflict, refused.Kind);

        Assert.True((await Grains.GetGrain<IAgentGrain>(agent).Update(new AgentChanges(UserGroupId: other))).IsOk);
        Assert.Equal(0, (await Grains.GetGrain<IUserGroupGrain>(group).Get()).Value!.AgentCount);
        Assert.True((await Grains.GetGrain<IUserGroupGrain>(group).Delete()).IsOk);
        Assert.Equal(OutcomeKind.NotFound, (await Grains.GetGrain<IUserGroupGrain>(group).Get()).Kind);
    }

    [Fact]
    public async Task User_group_names_are_unique_and_free_again_after_deletion()
    {
        var name = $"Team {Guid.NewGuid():N}";
        var first = Guid.NewGuid();
        Assert.True((await Grains.GetGrain<IUserGroupGrain>(first).Create(name, null, null)).IsOk);

        var duplicate = await Grains.GetGrain<IUserGroupGrain>(Guid.NewGuid()).Create(name.ToUpperInvariant(), null, null);
        Assert.Equal(OutcomeKind.Conflict, duplicate.Kind);

        Assert.True((await Grains.GetGrain<IUserGroupGrain>(first).Delete()).IsOk);
        Assert.True((await Grains.GetGrain<IUserGroupGrain>(Guid.NewGuid()).Create(name, null, null)).IsOk);
    }

    [Fact]
    public async Task A_new_user_group_allows_attended_support_only_unless_told_otherwise()
    {
        var created = await Grains.GetGrain<IUserGroupGrain>(Guid.NewGuid()).Create($"Team {Guid.NewGuid():N}", null, null);

        Assert.False(created.Value!.UnattendedSupport);
        Assert.True(created.Value.AttendedSupport);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_deleted_nor_demoted()
    {
        // The directory is shared by the collection: delete every other admin, so the one made here is the last.
        var group = await Grains.NewUserGroup();
        var directory = Grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key);
        var admins = (await directory.List()).Where(e => e.Role == AgentRole.Admin).Select(e => e.Id).ToList();
        var mine = await Grains.NewAgent(Accounts.Draft(group, AgentRole.Admin));
        foreach (var admin in admins)
        {
            Assert.True((await Grains.GetGrain<IAgentGrain>(admin).Delete()).IsOk);
        }

        var last = Grains.GetGrain<IAgentGrain>(mine);
        Assert.Equal(OutcomeKind.Conflict, (await last.Update(new AgentChanges(Role: AgentRole.Agent))).Kind);
        Assert.Equal(OutcomeKind.Conflict, (await last.Delete()).Kind);
        Assert.Equal(AgentRole.Admin, (await last.Get()).Value!.Role);

        var second = await Grains.NewAgent(Accounts.Draft(group, AgentRole.Admin));
        Assert.True((await last.Update(new AgentChanges(Role: AgentRole.Agent))).IsOk);
        Assert.Equal(OutcomeKind.Conflict, (await Grains.GetGrain<IAgentGrain>(second).Delete()).Kind);
    }

    [Fact]
    public async Task A_password_or_role_change_moves_the_security_stamp_on()
    {
        var group = await Grains.NewUserGroup();
        var agent = Grains.GetGrain<IAgentGrain>(await Grains.NewAgent(Accounts.Draft(group)));
        var stamp = (await agent.GetCredential())!.SecurityStamp;

        await agent.Update(new AgentChanges(DisplayName: "Only the name"));
        Assert.Equal(stamp, (await agent.GetCredential())!.SecurityStamp);

        await agent.Update(new AgentChanges(PasswordHash: "new-hash"));
        Assert.True((await agent.GetCredential())!.SecurityStamp > stamp);
    }
}

using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.UserGroups;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class UserGroupApiTests(HostFixture fixture)
{
    [Fact]
    public async Task A_user_group_is_created_read_listed_changed_and_deleted()
    {
        using var admin = await fixture.AdminAsync();
        var name = $"Helpdesk {Guid.NewGuid():N}";

        var created = await (await admin.PostAsync(Routes.UserGroups, new CreateUserGroupRequest(name, new UserGroupSettingsPatch(true, null))))
            .ExpectAsync<UserGroupResponse>(HttpStatusCode.Created);
        Assert.Equal(new UserGroupSettings(true, true), created.Settings);

        Assert.Equal(created, await (await admin.GetAsync(Routes.UserGroup(created.Id))).ExpectAsync<UserGroupResponse>(HttpStatusCode.OK));
        Assert.Contains(created, await (await admin.GetAsync(Routes.UserGroups)).ExpectAsync<UserGroupResponse[]>(HttpStatusCode.OK));

        var changed = await (await admin.PatchAsync(Routes.UserGroup(created.Id), new UpdateUserGroupRequest(null, new UserGroupSettingsPatch(null, false))))
            .ExpectAsync<UserGroupResponse>(HttpStatusCode.OK);
        Assert.Equal(new UserGroupSettings(true, false), changed.Settings);
        Assert.Equal(name, changed.Name);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.UserGroup(created.Id))).StatusCode);
        await (await admin.GetAsync(Routes.UserGroup(created.Id))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_nameless_user_group_is_a_validation_error()
    {
        using var admin = await fixture.AdminAsync();

        var errors = await (await admin.PostAsync(Routes.UserGroups, new CreateUserGroupRequest("   ", null))).ExpectValidationErrorAsync("name");

        Assert.Contains("A name is required.", errors);
    }

    [Fact]
    public async Task A_second_user_group_with_the_same_name_is_a_conflict()
    {
        using var admin = await fixture.AdminAsync();
        var first = await admin.CreateUserGroupAsync();

        await (await admin.PostAsync(Routes.UserGroups, new CreateUserGroupRequest(first.Name.ToUpperInvariant(), null)))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_a_user_group_that_still_has_agents_is_refused_with_a_clear_error()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        await admin.CreateAgentAsync(group.Id);

        var problem = await (await admin.DeleteAsync(Routes.UserGroup(group.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("still has 1 agent", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Routes.UserGroup(group.Id))).StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_answer_404()
    {
        using var admin = await fixture.AdminAsync();
        var unknown = Guid.NewGuid();

        await (await admin.GetAsync(Routes.UserGroup(unknown))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PatchAsync(Routes.UserGroup(unknown), new UpdateUserGroupRequest("x", null))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync(Routes.UserGroup(unknown))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/user-groups/not-a-guid")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_what_is_wrong()
    {
        using var admin = await fixture.AdminAsync();

        var problem = await (await admin.PostRawAsync(Routes.UserGroups, "{\"name\": 1")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());

        var wrongType = await (await admin.PostRawAsync(Routes.Agents, "{\"email\":\"a@b.test\",\"role\":\"superuser\"}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("role", wrongType.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_change_is_a_validation_error()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();

        await (await admin.PatchAsync(Routes.UserGroup(group.Id), new UpdateUserGroupRequest(null, null))).ExpectValidationErrorAsync("request");
        await (await admin.PatchAsync(Routes.Agent(Guid.NewGuid()), new UpdateAgentRequest(null, null, null, null, null, null, null)))
            .ExpectValidationErrorAsync("request");
    }
}

using Broker.Contracts;
using Broker.Contracts.UserGroups;
using Broker.Grains.Directory;
using Broker.Grains.UserGroups;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Admin routes for user groups and their settings.</summary>
public static class UserGroupApi
{
    public static IEndpointRouteBuilder MapUserGroupApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/user-groups").WithTags("User groups")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        api.MapPost("", CreateUserGroup);
        api.MapGet("", ListUserGroups);
        api.MapGet("{id:guid}", GetUserGroup);
        api.MapPatch("{id:guid}", UpdateUserGroup);
        api.MapDelete("{id:guid}", DeleteUserGroup);
        return routes;
    }

    public static async Task<Results<Created<UserGroupResponse>, ValidationProblem, ProblemHttpResult>> CreateUserGroup(
        CreateUserGroupRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var id = Guid.NewGuid();
        var result = await grains.GetGrain<IUserGroupGrain>(id)
            .Create(request.Name!, request.Settings?.UnattendedSupport, request.Settings?.AttendedSupport);
        await audit.RecordAsync("user-group.create", id.ToString(), result, request.Name);
        return result.ToCreated(ToResponse, group => Routes.UserGroup(group.Id));
    }

    public static async Task<Ok<UserGroupResponse[]>> ListUserGroups(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IDirectoryGrain>(Directories.UserGroups).List();
        var groups = await Task.WhenAll(entries.Select(e => grains.GetGrain<IUserGroupGrain>(e.Id).Get()));
        return TypedResults.Ok(groups.Where(g => g.IsOk).Select(g => ToResponse(g.Value!)).ToArray());
    }

    public static async Task<Results<Ok<UserGroupResponse>, ValidationProblem, ProblemHttpResult>> GetUserGroup(Guid id, IGrainFactory grains) =>
        (await grains.GetGrain<IUserGroupGrain>(id).Get()).ToOk(ToResponse);

    public static async Task<Results<Ok<UserGroupResponse>, ValidationProblem, ProblemHttpResult>> UpdateUserGroup(
        Guid id, UpdateUserGroupRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IUserGroupGrain>(id)
            .Update(request.Name, request.Settings?.UnattendedSupport, request.Settings?.AttendedSupport);
        await audit.RecordAsync("user-group.update", id.ToString(), result, Describe(request));
        return result.ToOk(ToResponse);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteUserGroup(
        Guid id, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IUserGroupGrain>(id).Delete();
        await audit.RecordAsync("user-group.delete", id.ToString(), result);
        return result.ToNoContent();
    }

    private static UserGroupResponse ToResponse(UserGroupInfo group) => new(
        group.Id, group.Name, new UserGroupSettings(group.UnattendedSupport, group.AttendedSupport), group.AgentCount, group.CreatedAt);

    private static string Describe(UpdateUserGroupRequest request) =>
        $"name={request.Name ?? "(unchanged)"}, unattendedSupport={request.Settings?.UnattendedSupport?.ToString() ?? "(unchanged)"}, "
        + $"attendedSupport={request.Settings?.AttendedSupport?.ToString() ?? "(unchanged)"}";
}

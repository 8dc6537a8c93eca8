using Broker.Contracts;
using Broker.Contracts.DeviceGroups;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Directory;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Admin routes for device groups ("companies") and their enrollment codes.</summary>
public static class DeviceGroupApi
{
    public static IEndpointRouteBuilder MapDeviceGroupApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/device-groups").WithTags("Device groups")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        api.MapPost("", CreateDeviceGroup);
        api.MapGet("", ListDeviceGroups);
        api.MapGet("{id:guid}", GetDeviceGroup);
        api.MapPatch("{id:guid}", RenameDeviceGroup);
        api.MapDelete("{id:guid}", DeleteDeviceGroup);
        api.MapPost("{id:guid}/enrollment-code:rotate", RotateEnrollmentCode);
        api.MapDelete("{id:guid}/enrollment-code", RevokeEnrollmentCode);
        return routes;
    }

    public static async Task<Results<Created<DeviceGroupResponse>, ValidationProblem, ProblemHttpResult>> CreateDeviceGroup(
        CreateDeviceGroupRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var id = Guid.NewGuid();
        var result = await grains.GetGrain<IDeviceGroupGrain>(id).Create(request.Name!);
        await audit.RecordAsync("device-group.create", id.ToString(), result, request.Name);
        return result.ToCreated(ToResponse, group => Routes.DeviceGroup(group.Id));
    }

    public static async Task<Ok<DeviceGroupResponse[]>> ListDeviceGroups(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IDirectoryGrain>(Directories.DeviceGroups).List();
        var groups = await Task.WhenAll(entries.Select(e => grains.GetGrain<IDeviceGroupGrain>(e.Id).Get()));
        return TypedResults.Ok(groups.Where(g => g.IsOk).Select(g => ToResponse(g.Value!)).ToArray());
    }

    public static async Task<Results<Ok<DeviceGroupResponse>, ValidationProblem, ProblemHttpResult>> GetDeviceGroup(Guid id, IGrainFactory grains) =>
        (await grains.GetGrain<IDeviceGroupGrain>(id).Get()).ToOk(ToResponse);

    public static async Task<Results<Ok<DeviceGroupResponse>, ValidationProblem, ProblemHttpResult>> RenameDeviceGroup(
        Guid id, UpdateDeviceGroupRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IDeviceGroupGrain>(id).Rename(request.Name!);
        await audit.RecordAsync("device-group.update", id.ToString(), result, request.Name);
        return result.ToOk(ToResponse);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteDeviceGroup(
        Guid id, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IDeviceGroupGrain>(id).Delete();
        await audit.RecordAsync("device-group.delete", id.ToString(), result);
        return result.ToNoContent();
    }

    public static async Task<Results<Ok<EnrollmentCodeResponse>, ValidationProblem, ProblemHttpResult>> RotateEnrollmentCode(
        Guid id, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IDeviceGroupGrain>(id).RotateEnrollmentCode();
        await audit.RecordAsync("device-group.enrollment-code.rotate", id.ToString(), result);
        return result.ToOk(code => new EnrollmentCodeResponse(code));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeEnrollmentCode(
        Guid id, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IDeviceGroupGrain>(id).RevokeEnrollmentCode();
        await audit.RecordAsync("device-group.enrollment-code.revoke", id.ToString(), result);
        return result.ToNoContent();
    }

    private static DeviceGroupResponse ToResponse(DeviceGroupInfo group) => new(group.Id, group.Name, group.EnrollmentCode, group.CreatedAt);
}

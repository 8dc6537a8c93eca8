using System.Security.Claims;
using Broker.Contracts.Devices;
using Broker.Contracts.Me;
using Broker.Grains.Devices;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>The dashboard and the devices page: devices in the agent's device groups, renamed, moved or removed.</summary>
public static class DeviceApi
{
    public static IEndpointRouteBuilder MapDeviceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("api/dashboard", GetDashboard).WithTags("Devices").RequireAuthorization(Policies.Agent);
        var api = routes.MapGroup("api/devices").WithTags("Devices").RequireAuthorization(Policies.Agent).AddEndpointFilter<ValidationFilter>();
        api.MapGet("", ListDevices);
        api.MapGet("{id:guid}", GetDevice);
        api.MapPatch("{id:guid}", UpdateDevice);
        api.MapDelete("{id:guid}", RemoveDevice);
        return routes;
    }

    public static async Task<Ok<DashboardGroupResponse[]>> GetDashboard(ClaimsPrincipal user, IGrainFactory grains)
    {
        var groups = await grains.GetGrain<IDeviceQueryGrain>(0).Find(user.AgentId(), new DeviceFilter());
        return TypedResults.Ok(groups.Select(g => new DashboardGroupResponse(
            new NamedRef(g.DeviceGroup.Id, g.DeviceGroup.Name), g.Devices.Length, g.Devices.Count(d => d.Online), [.. g.Devices.Select(ToResponse)])).ToArray());
    }

    /// <summary>Devices in the agent's groups; <c>groupId</c>, <c>online</c> and <c>q</c> (nickname, computer name, OS) narrow the list.</summary>
    public static async Task<Ok<DeviceResponse[]>> ListDevices(ClaimsPrincipal user, IGrainFactory grains, Guid? groupId, bool? online, string? q)
    {
        var groups = await grains.GetGrain<IDeviceQueryGrain>(0).Find(user.AgentId(), new DeviceFilter(groupId, online, q));
        return TypedResults.Ok(groups.SelectMany(g => g.Devices).Select(ToResponse).ToArray());
    }

    public static async Task<Results<Ok<DeviceResponse>, ValidationProblem, ProblemHttpResult>> GetDevice(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<IDeviceGrain>(id).Get(user.AgentId())).ToOk(ToResponse);

    public static async Task<Results<Ok<DeviceResponse>, ValidationProblem, ProblemHttpResult>> UpdateDevice(
        Guid id, UpdateDeviceRequest request, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit)
    {
        var device = grains.GetGrain<IDeviceGrain>(id);
        var result = await device.Get(user.AgentId());
        if (result.IsOk && request.Nickname is { } nickname)
        {
            result = await device.Rename(user.AgentId(), nickname);
            await audit.RecordAsync("device.rename", id.ToString(), result, nickname.Trim(), id);
        }

        if (result.IsOk && request.DeviceGroupId is { } groupId)
        {
            result = await device.Move(user.AgentId(), groupId);
            await audit.RecordAsync("device.move", id.ToString(), result, $"to group {groupId}", id);
        }

        return result.ToOk(ToResponse);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveDevice(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IDeviceGrain>(id).Remove(user.AgentId());
        await audit.RecordAsync("device.remove", id.ToString(), result, result.Value?.Nickname, id);
        return result.ToNoContent();
    }

    public static DeviceResponse ToResponse(DeviceInfo device) => new(
        device.Id, device.Nickname, device.ComputerName, device.Os, device.DeviceGroupId, device.Method, device.EnrolledBy, device.EnrolledAt,
        new ConsentResponse(device.Consent.GivenBy, device.Consent.GivenAt, device.Consent.How), device.CredentialStored, device.Online, device.LastSeenAt,
        device.OpenSessions);
}

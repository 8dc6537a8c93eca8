using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Admin routes for agent and admin accounts.</summary>
public static class AgentApi
{
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/agents").WithTags("Agents")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        api.MapPost("", CreateAgent);
        api.MapGet("", ListAgents);
        api.MapGet("{id:guid}", GetAgent);
        api.MapPatch("{id:guid}", UpdateAgent);
        api.MapDelete("{id:guid}", DeleteAgent);
        return routes;
    }

    public static async Task<Results<Created<AgentResponse>, ValidationProblem, ProblemHttpResult>> CreateAgent(
        CreateAgentRequest request, IGrainFactory grains, PasswordHasher hasher, AuditTrail audit)
    {
        var id = Guid.NewGuid();
        var result = await grains.GetGrain<IAgentGrain>(id).Create(new AgentDraft(
            request.Email!,
            request.DisplayName!,
            hasher.Hash(request.Password!),
            request.Role!.Value,
            request.UserGroupId!.Value,
            request.UnattendedSupport ?? UnattendedSupportOverride.Inherit,
            request.DeviceGroupIds ?? []));
        await audit.RecordAsync("agent.create", id.ToString(), result, $"{request.Email} as {request.Role?.ToString().ToLowerInvariant()}");
        return result.ToCreated(ToResponse, agent => Routes.Agent(agent.Id));
    }

    public static async Task<Ok<AgentResponse[]>> ListAgents(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).List();
        var agents = await Task.WhenAll(entries.Select(e => grains.GetGrain<IAgentGrain>(e.Id).Get()));
        return TypedResults.Ok(agents.Where(a => a.IsOk).Select(a => ToResponse(a.Value!)).ToArray());
    }

    public static async Task<Results<Ok<AgentResponse>, ValidationProblem, ProblemHttpResult>> GetAgent(Guid id, IGrainFactory grains) =>
        (await grains.GetGrain<IAgentGrain>(id).Get()).ToOk(ToResponse);

    public static async Task<Results<Ok<AgentResponse>, ValidationProblem, ProblemHttpResult>> UpdateAgent(
        Guid id, UpdateAgentRequest request, IGrainFactory grains, PasswordHasher hasher, AuditTrail audit)
    {
        var result = await grains.GetGrain<IAgentGrain>(id).Update(new AgentChanges(
            request.Email,
            request.DisplayName,
            request.Password is { } password ? hasher.Hash(password) : null,
            request.Role,
            request.UserGroupId,
            request.UnattendedSupport,
            request.DeviceGroupIds));
        await audit.RecordAsync("agent.update", id.ToString(), result, Describe(request));
        return result.ToOk(ToResponse);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAgent(Guid id, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<IAgentGrain>(id).Delete();
        await audit.RecordAsync("agent.delete", id.ToString(), result);
        return result.ToNoContent();
    }

    public static AgentResponse ToResponse(AgentInfo agent) => new(
        agent.Id, agent.Email, agent.DisplayName, agent.Role, agent.UserGroupId, agent.UnattendedSupport, agent.DeviceGroupIds, agent.CreatedAt);

    /// <summary>What changed, for the audit log; a new password is named, never shown.</summary>
    private static string Describe(UpdateAgentRequest request) => string.Join(", ", new[]
    {
        request.Email is null ? null : $"email={request.Email}",
        request.DisplayName is null ? null : $"displayName={request.DisplayName}",
        request.Password is null ? null : "password changed",
        request.Role is null ? null : $"role={request.Role}",
        request.UserGroupId is null ? null : $"userGroupId={request.UserGroupId}",
        request.UnattendedSupport is null ? null : $"unattendedSupport={request.UnattendedSupport}",
        request.DeviceGroupIds is null ? null : $"deviceGroupIds=[{string.Join(",", request.DeviceGroupIds)}]",
    }.Where(part => part is not null));
}

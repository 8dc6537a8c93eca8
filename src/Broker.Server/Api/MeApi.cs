using System.Security.Claims;
using Broker.Contracts.Auth;
using Broker.Contracts.Me;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>The signed-in account's own routes: who am I, what may I do, and changing my password.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/me").WithTags("Me")
            .RequireAuthorization(Policies.Agent).AddEndpointFilter<ValidationFilter>();
        api.MapGet("", GetMe);
        api.MapPost("password", ChangePassword);
        return routes;
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> GetMe(ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<IAgentGrain>(user.AgentId()).GetProfile()).ToOk(profile => new MeResponse(
            profile.Agent.Id,
            profile.Agent.Email,
            profile.Agent.DisplayName,
            profile.Agent.Role,
            new NamedRef(profile.Agent.UserGroupId, profile.UserGroupName),
            new EffectivePermissions(profile.Permissions.UnattendedSupport, profile.Permissions.AttendedSupport),
            [.. profile.DeviceGroups.Select(g => new NamedRef(g.Id, g.Name))]));

    /// <summary>Changes the caller's password after checking the current one (throttled like a login); returns a new token.</summary>
    public static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal user, HttpContext http, IGrainFactory grains,
        LoginService logins, PasswordHasher hasher, TokenIssuer tokens, AuditTrail audit)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var check = await logins.LoginAsync(user.ActorName(), request.CurrentPassword!, address);
        if (check.Token is null)
        {
            await audit.RecordAsync("agent.password.change", user.AgentId().ToString(), AuditOutcomes.Denied, "current password wrong or throttled");
            return check.RetryAfter is { } wait
                ? AuthApi.TooManyAttempts(http, wait)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
        }

        var agent = grains.GetGrain<IAgentGrain>(user.AgentId());
        var result = await agent.Update(new AgentChanges(PasswordHash: hasher.Hash(request.NewPassword!)));
        await audit.RecordAsync("agent.password.change", user.AgentId().ToString(), result);
        if (!result.IsOk)
        {
            return result.AsRefusal() is var refusal && refusal.Kind == OutcomeKind.NotFound
                ? TypedResults.Problem(detail: refusal.Error, statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Problem(detail: refusal.Error, statusCode: StatusCodes.Status409Conflict);
        }

        // The change moved the security stamp on, which ended every token of the account, this one included.
        return TypedResults.Ok(tokens.Issue((await agent.GetCredential())!));
    }
}

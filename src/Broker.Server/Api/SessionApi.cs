using System.Security.Claims;
using Broker.Contracts;
using Broker.Contracts.Sessions;
using Broker.Grains.Agents;
using Broker.Grains.Sessions;
using Broker.Grains.Throttling;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Broker.Server.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Attended sessions with their support key, the customer's join, and the unattended-setup flow within a session.</summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/sessions").WithTags("Sessions").RequireAuthorization(Policies.Agent).AddEndpointFilter<ValidationFilter>();
        api.MapPost("", StartSession);
        api.MapGet("", ListSessions);
        api.MapGet("{id:guid}", GetSession);
        api.MapDelete("{id:guid}", EndSession);
        api.MapPost("{id:guid}/unattended-setup", StartSetup);
        api.MapDelete("{id:guid}/unattended-setup", CancelSetup);
        api.MapPost("{id:guid}/unattended-setup/complete", CompleteSetup);
        routes.MapGroup("api/join").WithTags("Sessions").AllowAnonymous().AddEndpointFilter<ValidationFilter>().MapPost("", Join);
        return routes;
    }

    public static async Task<Results<Created<CreateSessionResponse>, ValidationProblem, ProblemHttpResult>> StartSession(
        CreateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit, BrokerMetrics metrics)
    {
        var id = Guid.NewGuid();
        var session = grains.GetGrain<ISessionGrain>(id);
        if (request.Kind == SessionKinds.Unattended)
        {
            var deviceId = request.DeviceId!.Value;
            var started = await session.StartUnattended(user.AgentId(), deviceId);
            await audit.RecordAsync("session.start", id.ToString(), started, request.Kind, deviceId);
            if (started.IsOk)
            {
                metrics.SessionStarted(SessionKind.Unattended);
            }

            return started.ToCreated(s => new CreateSessionResponse(s.Id, DeviceId: s.DeviceId, CredentialStored: s.CredentialStored), s => Routes.Session(s.SessionId));
        }

        var result = await session.StartAttended(user.AgentId());
        await audit.RecordAsync("session.start", id.ToString(), result, request.Kind);
        if (result.IsOk)
        {
            metrics.SessionStarted(SessionKind.Attended);
        }

        return result.ToCreated(s => new CreateSessionResponse(s.SessionId, s.SupportKey, s.SupportKeyExpiresAt), s => Routes.Session(s.SessionId));
    }

    /// <summary>
    /// The sessions the agent started, newest first (the latest <see cref="AgentGrain.RecentSessionLimit"/>); <c>open</c>
    /// narrows them to those not ended (true) or ended (false).
    /// </summary>
    public static async Task<Ok<SessionResponse[]>> ListSessions(ClaimsPrincipal user, IGrainFactory grains, bool? open)
    {
        var agentId = user.AgentId();
        var ids = await grains.GetGrain<IAgentGrain>(agentId).GetRecentSessions();
        var sessions = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISessionGrain>(id).Get(agentId)));
        return TypedResults.Ok(sessions
            .Where(s => s.IsOk && (open is null || (s.Value!.State != SessionStates.Ended) == open))
            .Select(s => ToResponse(s.Value!))
            .ToArray());
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> GetSession(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<ISessionGrain>(id).Get(user.AgentId())).ToOk(ToResponse);

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> EndSession(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<ISessionGrain>(id).End(user.AgentId());
        await audit.RecordAsync("session.end", id.ToString(), result);
        return result.ToOk(ToResponse);
    }

    /// <summary>Step-up: the agent's password again (throttled like a sign-in), then the consent request goes to the customer.</summary>
    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> StartSetup(
        Guid id, StartSetupRequest request, ClaimsPrincipal user, HttpContext http, IGrainFactory grains, LoginService logins, AuditTrail audit)
    {
        var stepUp = await logins.LoginAsync(user.ActorName(), request.Password!, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (stepUp.Token is null)
        {
            await audit.RecordAsync("unattended-setup.start", id.ToString(), AuditOutcomes.Denied, "step-up password wrong or throttled");
            return stepUp.RetryAfter is { } wait
                ? AuthApi.TooManyAttempts(http, wait)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["The password is wrong."] });
        }

        var result = await grains.GetGrain<ISessionGrain>(id).StartSetup(user.AgentId());
        await audit.RecordAsync("unattended-setup.start", id.ToString(), result, "consent requested");
        return result.ToOk(ToResponse);
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> CancelSetup(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit)
    {
        var result = await grains.GetGrain<ISessionGrain>(id).CancelSetup(user.AgentId());
        await audit.RecordAsync("unattended-setup.cancel", id.ToString(), result);
        return result.ToOk(ToResponse);
    }

    public static async Task<Results<Ok<CompleteSetupResponse>, ValidationProblem, ProblemHttpResult>> CompleteSetup(
        Guid id, CompleteSetupRequest request, ClaimsPrincipal user, IGrainFactory grains, AuditTrail audit, BrokerMetrics metrics)
    {
        var result = await grains.GetGrain<ISessionGrain>(id).CompleteSetup(user.AgentId(), request.Nickname!, request.DeviceGroupId!.Value);
        metrics.Enrollment("session", result.IsOk);
        await audit.RecordAsync("unattended-setup.complete", id.ToString(), result, result.Value?.Message, result.Value?.DeviceId);
        return result.ToOk(done => new CompleteSetupResponse(done.DeviceId, done.CredentialStored, done.Message));
    }

    /// <summary>The customer's endpoint joins with the support key; guesses are throttled per client address.</summary>
    public static async Task<Results<Ok<JoinResponse>, ValidationProblem, ProblemHttpResult>> Join(
        JoinRequest request, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var throttle = grains.GetGrain<ILoginThrottleGrain>(LoginThrottleKeys.Join(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
        if (await throttle.Begin() is { Allowed: false } refused)
        {
            return AuthApi.TooManyAttempts(http, refused.RetryAfter);
        }

        var sessionId = await grains.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(request.SupportKey!)).Redeem();
        await throttle.Finish(sessionId is not null);
        if (sessionId is not { } id)
        {
            await audit.RecordAsActorAsync("customer", "session.join", null, AuditOutcomes.Failure, "wrong, used or expired support key");
            return TypedResults.Problem(detail: "The support key is wrong, was used already, or has expired.", statusCode: StatusCodes.Status404NotFound);
        }

        var joined = await grains.GetGrain<ISessionGrain>(id).Join(new CustomerFacts(request.ComputerName!.Trim(), request.Os!.Trim(), request.MachineKey));
        await audit.RecordAsActorAsync("customer", "session.join", id.ToString(), joined.IsOk ? AuditOutcomes.Success : AuditOutcomes.Failure,
            joined.IsOk ? request.ComputerName : joined.Error);
        return joined.ToOk(token => new JoinResponse(id, token));
    }

    private static SessionResponse ToResponse(SessionView session) => new(
        session.Id,
        session.Kind,
        session.State,
        session.AgentId,
        session.CreatedAt,
        session.Customer is { } customer ? new CustomerResponse(customer.ComputerName, customer.Os, session.CustomerConnected) : null,
        new UnattendedSetupResponse(session.SetupUnavailableReason is null, session.SetupUnavailableReason, session.SetupState,
            session.SetupId, session.CredentialStored, session.DeviceId),
        session.EndedReason,
        session.DeviceId,
        session.CredentialStored);
}

using Broker.Contracts.Audit;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Reading the audit log (admins).</summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin).MapGet("", ReadAudit);
        return routes;
    }

    /// <summary>Audit events, newest first, filtered by time, actor (e-mail address), device and action.</summary>
    public static async Task<Results<Ok<AuditEventResponse[]>, ValidationProblem>> ReadAudit(
        IAuditLog log, DateTimeOffset? since, string? actor, Guid? deviceId, string? action, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"The limit must be between 1 and {MaxLimit}."] });
        }

        var records = await log.QueryAsync(new AuditQuery(since, actor, deviceId, action, limit ?? DefaultLimit), cancellationToken);
        return TypedResults.Ok(records
            .Select(r => new AuditEventResponse(r.Id, r.Time, r.Actor, r.Action, r.Target, r.Outcome, r.Address, r.DeviceId, r.Detail))
            .ToArray());
    }
}

using Broker.Grains.Common;
using Broker.Server.Auth;

namespace Broker.Server.Audit;

/// <summary>
/// Records what a request did in the audit log, taking the actor and the client address from the request.
/// A failing audit write is logged, never turned into a failed request: the change it describes has happened.
/// </summary>
public sealed partial class AuditTrail(IAuditLog log, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>Records an action whose outcome a grain decided: success, or a failure with the refusal's words.</summary>
    public Task RecordAsync<T>(string action, string? target, Result<T> result, string? detail = null, Guid? deviceId = null) =>
        RecordAsync(action, target, result.IsOk ? AuditOutcomes.Success : AuditOutcomes.Failure, result.IsOk ? detail : result.Error, deviceId);

    public Task RecordAsync(string action, string? target, string outcome, string? detail = null, Guid? deviceId = null) =>
        RecordAsActorAsync(http.HttpContext?.User.ActorName() ?? "system", action, target, outcome, detail, deviceId);

    /// <summary>Records an action by a named actor (a sign-in, before any token exists).</summary>
    public async Task RecordAsActorAsync(string actor, string action, string? target, string outcome, string? detail = null, Guid? deviceId = null)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        try
        {
            await log.AppendAsync(new AuditRecord(clock.GetUtcNow(), actor, action, target, outcome, address, deviceId, detail));
        }
        catch (Exception exception)
        {
            LogAuditWriteFailed(exception, action, target);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "AuditWriteFailed", Level = LogLevel.Error, Message = "Could not write audit event {Action} on {Target}")]
    private partial void LogAuditWriteFailed(Exception exception, string action, string? target);
}

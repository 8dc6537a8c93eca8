namespace Broker.Server.Audit;

/// <summary>A filter over the audit log; results come newest first.</summary>
public sealed record AuditQuery(DateTimeOffset? Since, string? Actor, Guid? DeviceId, string? Action, int Limit);

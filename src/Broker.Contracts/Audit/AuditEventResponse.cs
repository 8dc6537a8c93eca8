namespace Broker.Contracts.Audit;

/// <summary>One audited action: who did what to what, when, from where, and how it ended.</summary>
public sealed record AuditEventResponse(
    long Id,
    DateTimeOffset Time,
    string Actor,
    string Action,
    string? Target,
    string Outcome,
    string? Address,
    Guid? DeviceId,
    string? Detail);

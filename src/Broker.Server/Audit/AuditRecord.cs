namespace Broker.Server.Audit;

/// <summary>One audited action: who did what to what, when, from where, and how it ended.</summary>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string Actor,
    string Action,
    string? Target,
    string Outcome,
    string? Address,
    Guid? DeviceId = null,
    string? Detail = null)
{
    public long Id { get; init; }
}

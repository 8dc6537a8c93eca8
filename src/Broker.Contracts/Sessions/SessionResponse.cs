namespace Broker.Contracts.Sessions;

/// <summary>A session as its agent sees it, with whether "set up unattended support" is available and, if not, why.</summary>
public sealed record SessionResponse(
    Guid Id,
    string Kind,
    string State,
    Guid AgentId,
    DateTimeOffset CreatedAt,
    CustomerResponse? Customer,
    UnattendedSetupResponse UnattendedSetup,
    string? EndedReason);

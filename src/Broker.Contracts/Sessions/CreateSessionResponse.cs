namespace Broker.Contracts.Sessions;

/// <summary>A new session; an attended one comes with the 9-digit support key the customer types, and when it expires.</summary>
public sealed record CreateSessionResponse(Guid SessionId, string? SupportKey = null, DateTimeOffset? SupportKeyExpiresAt = null);

namespace Broker.Contracts.Sessions;

/// <summary>The joined session and the customer's session token (for <c>/hubs/device</c>, as <c>access_token</c>).</summary>
public sealed record JoinResponse(Guid SessionId, string SessionToken);

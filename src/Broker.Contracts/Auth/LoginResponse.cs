namespace Broker.Contracts.Auth;

/// <summary>A bearer token and the moment it stops working.</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt);

namespace Broker.Contracts.Auth;

/// <summary>Agent or admin credentials for <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? Email, string? Password);

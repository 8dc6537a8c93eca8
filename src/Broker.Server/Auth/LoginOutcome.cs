using Broker.Contracts.Auth;

namespace Broker.Server.Auth;

/// <summary>How a login ended: a token, wrong credentials, or too many recent failures.</summary>
public sealed record LoginOutcome(LoginResponse? Token, TimeSpan? RetryAfter)
{
    public static LoginOutcome Rejected { get; } = new(null, null);
}

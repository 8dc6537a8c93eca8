using Broker.Contracts;

namespace Broker.Cli;

/// <summary>What <c>brokerctl login</c> remembers in config.json; the token is the only secret in it.</summary>
internal sealed record CliConfig(string? Server, string? Email, string? AccessToken, DateTimeOffset? ExpiresAt)
{
    public static CliConfig Empty { get; } = new(null, null, null, null);

    /// <summary>The token, if there is one for <paramref name="server"/> and it has not expired yet.</summary>
    public string? TokenFor(string server, DateTimeOffset now) =>
        AccessToken is { Length: > 0 } token && BrokerUrl.Same(Server, server) && ExpiresAt > now ? token : null;
}

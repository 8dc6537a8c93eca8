using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>What the host needs to check a password and issue a token; never leaves the broker.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentCredential")]
public sealed record AgentCredential(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] AgentRole Role,
    [property: Id(5)] int SecurityStamp);

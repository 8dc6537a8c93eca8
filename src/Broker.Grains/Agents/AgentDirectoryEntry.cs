using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>An account in the directory: its e-mail address, id and role.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentDirectoryEntry")]
public sealed record AgentDirectoryEntry([property: Id(0)] string Email, [property: Id(1)] Guid Id, [property: Id(2)] AgentRole Role);

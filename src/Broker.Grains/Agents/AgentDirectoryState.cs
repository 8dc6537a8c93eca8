namespace Broker.Grains.Agents;

/// <summary>Every account by normalized e-mail address.</summary>
[GenerateSerializer, Alias("Broker.AgentDirectoryState")]
public sealed record class AgentDirectoryState
{
    [Id(0)] public Dictionary<string, AgentDirectoryEntry> ByEmail { get; init; } = [];
}

namespace Broker.Grains.Connections;

/// <summary>A live SignalR connection: the relay of the host that holds it, and its id there.</summary>
[GenerateSerializer, Immutable, Alias("Broker.Connection")]
public sealed record Connection([property: Id(0)] IConnectionRelay Relay, [property: Id(1)] string ConnectionId);

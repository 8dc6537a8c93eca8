using Broker.Grains.Connections;

namespace Broker.Grains.Devices;

/// <summary>A session the endpoint was told to start: the connection it was told on, and what the agent should know.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceSessionStart")]
public sealed record DeviceSessionStart(
    [property: Id(0)] Connection Connection,
    [property: Id(1)] bool CredentialStored,
    [property: Id(2)] string Nickname);

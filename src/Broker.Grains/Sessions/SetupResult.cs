namespace Broker.Grains.Sessions;

/// <summary>The device that unattended setup enrolled, and the agent's final message.</summary>
[GenerateSerializer, Immutable, Alias("Broker.SetupResult")]
public sealed record SetupResult([property: Id(0)] Guid DeviceId, [property: Id(1)] bool CredentialStored, [property: Id(2)] string Message);

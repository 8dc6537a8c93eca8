namespace Broker.Grains.Sessions;

/// <summary>A session as its agent sees it, with whether unattended setup is available and why not.</summary>
[GenerateSerializer, Immutable, Alias("Broker.SessionView")]
public sealed record SessionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string State,
    [property: Id(3)] Guid AgentId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] CustomerFacts? Customer,
    [property: Id(6)] bool CustomerConnected,
    [property: Id(7)] string? SetupUnavailableReason,
    [property: Id(8)] string SetupState,
    [property: Id(9)] Guid? SetupId,
    [property: Id(10)] bool? CredentialStored,
    [property: Id(11)] Guid? DeviceId,
    [property: Id(12)] string? EndedReason);

namespace Broker.Grains.Connections;

/// <summary>
/// A device came online or went offline (or was removed: offline, for good), or the number of unattended sessions open
/// on it changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Broker.PresenceUpdate")]
public sealed record PresenceUpdate(
    [property: Id(0)] Guid DeviceId,
    [property: Id(1)] Guid DeviceGroupId,
    [property: Id(2)] bool Online,
    [property: Id(3)] DateTimeOffset? LastSeenAt,
    [property: Id(4)] int OpenSessions = 0);

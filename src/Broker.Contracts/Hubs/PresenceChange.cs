using MessagePack;

namespace Broker.Contracts.Hubs;

/// <summary>
/// A device of one of the agent's device groups came online or went offline, or the number of unattended sessions open
/// on it changed (<c>WatchPresence</c>).
/// </summary>
[MessagePackObject]
public sealed record PresenceChange(
    [property: Key("deviceId")] Guid DeviceId,
    [property: Key("deviceGroupId")] Guid DeviceGroupId,
    [property: Key("online")] bool Online,
    [property: Key("lastSeenAt")] DateTimeOffset? LastSeenAt,
    [property: Key("openSessions")] int OpenSessions = 0);

using MessagePack;

namespace Broker.Contracts.Hubs;

/// <summary>A device of one of the agent's device groups came online or went offline (<c>WatchPresence</c>).</summary>
[MessagePackObject]
public sealed record PresenceChange(
    [property: Key("deviceId")] Guid DeviceId,
    [property: Key("deviceGroupId")] Guid DeviceGroupId,
    [property: Key("online")] bool Online,
    [property: Key("lastSeenAt")] DateTimeOffset? LastSeenAt);

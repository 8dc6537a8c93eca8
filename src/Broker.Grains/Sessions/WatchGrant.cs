namespace Broker.Grains.Sessions;

/// <summary>What a viewer may do in a session: watch only, or also send input.</summary>
[GenerateSerializer, Immutable, Alias("Broker.WatchGrant")]
public sealed record WatchGrant([property: Id(0)] Guid SessionId, [property: Id(1)] bool Control);

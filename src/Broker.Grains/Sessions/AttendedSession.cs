namespace Broker.Grains.Sessions;

/// <summary>A new attended session and the support key the customer types (shown only here).</summary>
[GenerateSerializer, Immutable, Alias("Broker.AttendedSession")]
public sealed record AttendedSession(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string SupportKey,
    [property: Id(2)] DateTimeOffset SupportKeyExpiresAt);

namespace Broker.Grains.Devices;

/// <summary>Who consented to unattended access, when, and how.</summary>
[GenerateSerializer, Immutable, Alias("Broker.ConsentRecord")]
public sealed record ConsentRecord(
    [property: Id(0)] string GivenBy,
    [property: Id(1)] DateTimeOffset GivenAt,
    [property: Id(2)] string How);

namespace Broker.Grains.DeviceGroups;

/// <summary>A device group's durable state; the enrollment code is derived, never stored.</summary>
[GenerateSerializer, Alias("Broker.DeviceGroupState")]
public sealed record class DeviceGroupState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public int CodeGeneration { get; set; }
    [Id(4)] public bool CodeRevoked { get; set; }
    [Id(5)] public HashSet<Guid> Devices { get; init; } = [];
}

namespace Broker.Grains.UserGroups;

/// <summary>A user group's durable state; <see cref="Exists"/> is false until created and after deletion.</summary>
[GenerateSerializer, Alias("Broker.UserGroupState")]
public sealed record class UserGroupState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public bool UnattendedSupport { get; set; }
    [Id(5)] public bool AttendedSupport { get; set; }
    [Id(3)] public HashSet<Guid> Members { get; init; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
}

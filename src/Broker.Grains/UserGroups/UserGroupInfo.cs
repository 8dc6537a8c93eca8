namespace Broker.Grains.UserGroups;

/// <summary>A user group as its grain describes it.</summary>
[GenerateSerializer, Immutable, Alias("Broker.UserGroupInfo")]
public sealed record UserGroupInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] bool UnattendedSupport,
    [property: Id(3)] bool AttendedSupport,
    [property: Id(4)] int AgentCount,
    [property: Id(5)] DateTimeOffset CreatedAt);

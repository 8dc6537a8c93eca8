using System.Collections.Immutable;
using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>An account as its grain describes it; no password hash.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentInfo")]
public sealed record AgentInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] AgentRole Role,
    [property: Id(4)] Guid UserGroupId,
    [property: Id(5)] UnattendedSupportOverride UnattendedSupport,
    [property: Id(6)] ImmutableArray<Guid> DeviceGroupIds,
    [property: Id(7)] DateTimeOffset CreatedAt);

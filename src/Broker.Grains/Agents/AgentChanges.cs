using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>A validated change to an account; null members stay as they are, the password arrives hashed.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentChanges")]
public sealed record AgentChanges(
    [property: Id(0)] string? Email = null,
    [property: Id(1)] string? DisplayName = null,
    [property: Id(2)] string? PasswordHash = null,
    [property: Id(3)] AgentRole? Role = null,
    [property: Id(4)] Guid? UserGroupId = null,
    [property: Id(5)] UnattendedSupportOverride? UnattendedSupport = null,
    [property: Id(6)] IReadOnlyList<Guid>? DeviceGroupIds = null);

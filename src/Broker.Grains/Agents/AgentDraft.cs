using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>A validated new account; the password arrives already hashed.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentDraft")]
public sealed record AgentDraft(
    [property: Id(0)] string Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] AgentRole Role,
    [property: Id(4)] Guid UserGroupId,
    [property: Id(5)] UnattendedSupportOverride UnattendedSupport,
    [property: Id(6)] IReadOnlyList<Guid> DeviceGroupIds);

namespace Broker.Contracts.Agents;

/// <summary>An agent as admins see it; the password hash never leaves the broker.</summary>
public sealed record AgentResponse(
    Guid Id,
    string Email,
    string DisplayName,
    AgentRole Role,
    Guid UserGroupId,
    UnattendedSupportOverride UnattendedSupport,
    IReadOnlyList<Guid> DeviceGroupIds,
    DateTimeOffset CreatedAt);

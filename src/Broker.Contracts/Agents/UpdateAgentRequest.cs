namespace Broker.Contracts.Agents;

/// <summary>A partial change to an agent: absent (null) members stay as they are.</summary>
public sealed record UpdateAgentRequest(
    string? Email,
    string? DisplayName,
    string? Password,
    AgentRole? Role,
    Guid? UserGroupId,
    UnattendedSupportOverride? UnattendedSupport,
    IReadOnlyList<Guid>? DeviceGroupIds);

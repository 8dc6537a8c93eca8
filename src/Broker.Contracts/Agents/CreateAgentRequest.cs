namespace Broker.Contracts.Agents;

/// <summary>A new agent or admin account.</summary>
public sealed record CreateAgentRequest(
    string? Email,
    string? DisplayName,
    string? Password,
    AgentRole? Role,
    Guid? UserGroupId,
    UnattendedSupportOverride? UnattendedSupport,
    IReadOnlyList<Guid>? DeviceGroupIds);

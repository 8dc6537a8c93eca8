namespace Broker.Contracts.UserGroups;

/// <summary>A user group with its settings and how many agents belong to it.</summary>
public sealed record UserGroupResponse(Guid Id, string Name, UserGroupSettings Settings, int AgentCount, DateTimeOffset CreatedAt);

namespace Broker.Contracts.UserGroups;

/// <summary>What the agents of a user group may do unless an agent override says otherwise.</summary>
public sealed record UserGroupSettings(
    bool UnattendedSupport,
    bool AttendedSupport);

namespace Broker.Contracts.UserGroups;

/// <summary>A partial change to a user group.</summary>
public sealed record UpdateUserGroupRequest(string? Name, UserGroupSettingsPatch? Settings);

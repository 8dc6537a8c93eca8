namespace Broker.Contracts.UserGroups;

/// <summary>A new user group; settings left out default to attended support on, unattended support off.</summary>
public sealed record CreateUserGroupRequest(string? Name, UserGroupSettingsPatch? Settings);

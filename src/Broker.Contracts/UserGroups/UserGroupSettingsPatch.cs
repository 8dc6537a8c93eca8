namespace Broker.Contracts.UserGroups;

/// <summary>Settings in a request: a member left out keeps its value (or its default on create).</summary>
public sealed record UserGroupSettingsPatch(bool? UnattendedSupport, bool? AttendedSupport);

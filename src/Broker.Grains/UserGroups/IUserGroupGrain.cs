using Broker.Grains.Common;

namespace Broker.Grains.UserGroups;

/// <summary>A user group: its name, its settings, and the agents that belong to it.</summary>
[Alias("Broker.IUserGroupGrain")]
public interface IUserGroupGrain : IGrainWithGuidKey
{
    /// <summary>Creates the group; settings left null default to attended support only. Refused when the name is taken.</summary>
    Task<Result<UserGroupInfo>> Create(string name, bool? unattendedSupport, bool? attendedSupport);

    /// <summary>The group, or not found.</summary>
    Task<Result<UserGroupInfo>> Get();

    /// <summary>Renames the group and changes the settings a patch names.</summary>
    Task<Result<UserGroupInfo>> Update(string? name, bool? unattendedSupport, bool? attendedSupport);

    /// <summary>Deletes the group; refused while agents still belong to it.</summary>
    Task<Result<Done>> Delete();

    /// <summary>Adds an agent; not found when the group does not exist.</summary>
    Task<Result<UserGroupInfo>> AddMember(Guid agentId);

    /// <summary>Removes an agent (no-op when it is not a member).</summary>
    Task RemoveMember(Guid agentId);
}

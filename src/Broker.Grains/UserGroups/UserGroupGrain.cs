using Broker.Grains.Common;
using Broker.Grains.Directory;

namespace Broker.Grains.UserGroups;

/// <inheritdoc cref="IUserGroupGrain"/>
public sealed class UserGroupGrain(
    [PersistentState("user-group", BrokerStorage.Name)] IPersistentState<UserGroupState> state,
    TimeProvider clock) : Grain, IUserGroupGrain
{
    private UserGroupState Group => state.State;

    private IDirectoryGrain Directory => GrainFactory.GetGrain<IDirectoryGrain>(Directories.UserGroups);

    public async Task<Result<UserGroupInfo>> Create(string name, bool? unattendedSupport, bool? attendedSupport)
    {
        if (Group.Exists)
        {
            return Refusal.Conflict("The user group exists already.");
        }

        if (!await Directory.Claim(name, this.GetPrimaryKey()))
        {
            return NameTaken(name);
        }

        Group.Exists = true;
        Group.Name = name.Trim();
        Group.UnattendedSupport = unattendedSupport ?? false;
        Group.AttendedSupport = attendedSupport ?? true;
        Group.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Describe();
    }

    public Task<Result<UserGroupInfo>> Get() =>
        Task.FromResult<Result<UserGroupInfo>>(Group.Exists ? Describe() : NotFound());

    public async Task<Result<UserGroupInfo>> Update(string? name, bool? unattendedSupport, bool? attendedSupport)
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        var oldName = Group.Name;
        var renamed = name is not null && Directories.Normalize(name) != Directories.Normalize(oldName);
        if (renamed && !await Directory.Claim(name!, this.GetPrimaryKey()))
        {
            return NameTaken(name!);
        }

        Group.Name = name?.Trim() ?? oldName;
        Group.UnattendedSupport = unattendedSupport ?? Group.UnattendedSupport;
        Group.AttendedSupport = attendedSupport ?? Group.AttendedSupport;
        await state.WriteStateAsync();
        if (renamed)
        {
            await Directory.Release(oldName, this.GetPrimaryKey());
        }

        return Describe();
    }

    public async Task<Result<Done>> Delete()
    {
        if (!Group.Exists)
        {
            return Refusal.NotFound("The user group does not exist.");
        }

        if (Group.Members.Count > 0)
        {
            return Refusal.Conflict(
                $"The user group still has {Group.Members.Count} agent(s); move or delete them before deleting the group.");
        }

        var name = Group.Name;
        await state.ClearStateAsync();
        state.State = new UserGroupState();
        await Directory.Release(name, this.GetPrimaryKey());
        return Done.Value;
    }

    public async Task<Result<UserGroupInfo>> AddMember(Guid agentId)
    {
        if (!Group.Exists)
        {
            return Refusal.Invalid("userGroupId", "The user group does not exist.");
        }

        if (Group.Members.Add(agentId))
        {
            await state.WriteStateAsync();
        }

        return Describe();
    }

    public async Task RemoveMember(Guid agentId)
    {
        if (Group.Members.Remove(agentId))
        {
            await state.WriteStateAsync();
        }
    }

    private UserGroupInfo Describe() =>
        new(this.GetPrimaryKey(), Group.Name, Group.UnattendedSupport, Group.AttendedSupport, Group.Members.Count, Group.CreatedAt);

    private static Refusal NotFound() => Refusal.NotFound("The user group does not exist.");

    private static Refusal NameTaken(string name) =>
        Refusal.Conflict($"A user group named '{name.Trim()}' exists already.", "name");
}

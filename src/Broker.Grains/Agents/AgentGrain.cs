using System.Collections.Immutable;
using Broker.Contracts.Agents;
using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Directory;
using Broker.Grains.UserGroups;
using Microsoft.Extensions.Logging;

namespace Broker.Grains.Agents;

/// <inheritdoc cref="IAgentGrain"/>
public sealed class AgentGrain(
    [PersistentState("agent", BrokerStorage.Name)] IPersistentState<AgentState> state,
    TimeProvider clock,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    /// <summary>How many of an agent's sessions <c>GET /api/sessions</c> lists: the newest; older ones stay readable by id.</summary>
    public const int RecentSessionLimit = 50;

    private readonly ConnectionSet _viewers = new(logger);

    private AgentState Agent => state.State;

    private Guid Id => this.GetPrimaryKey();

    private IAgentDirectoryGrain AgentDirectory => GrainFactory.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key);

    private IUserGroupGrain UserGroup(Guid id) => GrainFactory.GetGrain<IUserGroupGrain>(id);

    public async Task<Result<AgentInfo>> Create(AgentDraft draft)
    {
        if (Agent.Exists)
        {
            return Refusal.Conflict("The account exists already.");
        }

        if (await FindMissingDeviceGroup(draft.DeviceGroupIds) is { } missing)
        {
            return missing;
        }

        var registered = await AgentDirectory.Register(draft.Email, Id, draft.Role);
        if (!registered.IsOk)
        {
            return registered.AsRefusal();
        }

        var joined = await UserGroup(draft.UserGroupId).AddMember(Id);
        if (!joined.IsOk)
        {
            await AgentDirectory.Unregister(Id, draft.Email);
            return joined.AsRefusal();
        }

        state.State = new AgentState
        {
            Exists = true,
            Email = draft.Email.Trim(),
            DisplayName = draft.DisplayName.Trim(),
            PasswordHash = draft.PasswordHash,
            Role = draft.Role,
            UserGroupId = draft.UserGroupId,
            UnattendedSupport = draft.UnattendedSupport,
            DeviceGroupIds = [.. draft.DeviceGroupIds.Distinct()],
            SecurityStamp = 1,
            CreatedAt = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
        return Describe();
    }

    public Task<Result<AgentInfo>> Get() =>
        Task.FromResult<Result<AgentInfo>>(Agent.Exists ? Describe() : NotFound());

    public async Task<Result<AgentInfo>> Update(AgentChanges changes)
    {
        if (!Agent.Exists)
        {
            return NotFound();
        }

        if (changes.DeviceGroupIds is { } groups && await FindMissingDeviceGroup(groups) is { } missing)
        {
            return missing;
        }

        var oldEmail = Agent.Email;
        var newEmail = changes.Email?.Trim() ?? oldEmail;
        var emailChanged = !string.Equals(newEmail, oldEmail, StringComparison.Ordinal);
        if (emailChanged && await AgentDirectory.ChangeEmail(Id, oldEmail, newEmail) is { IsOk: false } emailRefused)
        {
            return emailRefused.AsRefusal();
        }

        var roleChanged = changes.Role is { } role && role != Agent.Role;
        if (roleChanged && await AgentDirectory.ChangeRole(Id, newEmail, changes.Role!.Value) is { IsOk: false } roleRefused)
        {
            await UndoEmail();
            return roleRefused.AsRefusal();
        }

        var oldGroup = Agent.UserGroupId;
        var groupChanged = changes.UserGroupId is { } group && group != oldGroup;
        if (groupChanged && await UserGroup(changes.UserGroupId!.Value).AddMember(Id) is { IsOk: false } groupRefused)
        {
            if (roleChanged)
            {
                await AgentDirectory.ChangeRole(Id, newEmail, Agent.Role);
            }

            await UndoEmail();
            return groupRefused.AsRefusal();
        }

        Agent.Email = newEmail;
        Agent.DisplayName = changes.DisplayName?.Trim() ?? Agent.DisplayName;
        Agent.PasswordHash = changes.PasswordHash ?? Agent.PasswordHash;
        Agent.Role = changes.Role ?? Agent.Role;
        Agent.UserGroupId = changes.UserGroupId ?? Agent.UserGroupId;
        Agent.UnattendedSupport = changes.UnattendedSupport ?? Agent.UnattendedSupport;
        Agent.DeviceGroupIds = changes.DeviceGroupIds is { } ids ? [.. ids.Distinct()] : Agent.DeviceGroupIds;
        if (changes.PasswordHash is not null || roleChanged || emailChanged)
        {
            Agent.SecurityStamp++;
        }

        await state.WriteStateAsync();
        if (groupChanged)
        {
            await UserGroup(oldGroup).RemoveMember(Id);
        }

        return Describe();

        async Task UndoEmail()
        {
            if (emailChanged)
            {
                await AgentDirectory.ChangeEmail(Id, newEmail, oldEmail);
            }
        }
    }

    public async Task<Result<Done>> Delete()
    {
        if (!Agent.Exists)
        {
            return NotFound();
        }

        var unregistered = await AgentDirectory.Unregister(Id, Agent.Email);
        if (!unregistered.IsOk)
        {
            return unregistered;
        }

        var group = Agent.UserGroupId;
        await state.ClearStateAsync();
        state.State = new AgentState();
        await UserGroup(group).RemoveMember(Id);
        return Done.Value;
    }

    public Task<AgentCredential?> GetCredential() => Task.FromResult(Agent.Exists
        ? new AgentCredential(Id, Agent.Email, Agent.DisplayName, Agent.PasswordHash, Agent.Role, Agent.SecurityStamp)
        : null);

    public async Task<Result<AgentProfile>> GetProfile()
    {
        if (!Agent.Exists)
        {
            return NotFound();
        }

        var group = (await UserGroup(Agent.UserGroupId).Get()).Value;
        var deviceGroups = await GrainFactory.GetGrain<IDirectoryGrain>(Directories.DeviceGroups).List();
        var reachable = Agent.Role == AgentRole.Admin
            ? deviceGroups
            : deviceGroups.Where(g => Agent.DeviceGroupIds.Contains(g.Id)).ToImmutableArray();
        return new AgentProfile(Describe(), group?.Name ?? "", Permissions.Resolve(Agent.UnattendedSupport, group), reachable);
    }

    public async Task<Result<AgentPermissions>> GetPermissions()
    {
        if (!Agent.Exists)
        {
            return NotFound();
        }

        var group = (await UserGroup(Agent.UserGroupId).Get()).Value;
        return Permissions.Resolve(Agent.UnattendedSupport, group);
    }

    public async Task<bool> CanReach(Guid deviceGroupId) =>
        Agent.Exists && (Agent.DeviceGroupIds.Contains(deviceGroupId)
            || (Agent.Role == AgentRole.Admin && await GrainFactory.GetGrain<IDeviceGroupGrain>(deviceGroupId).Exists()));

    public Task ConnectViewer(Connection connection)
    {
        _viewers.Add(connection);
        return Task.CompletedTask;
    }

    public Task DisconnectViewer(string connectionId)
    {
        _viewers.Remove(connectionId);
        return Task.CompletedTask;
    }

    public Task NotifySetupProgress(Guid sessionId, string state, string message) =>
        _viewers.PushAsync(viewer => viewer.Relay.SetupProgress(viewer.ConnectionId, sessionId, state, message));

    public Task NotifySessionEnded(Guid sessionId, string reason, string[] alreadyTold) =>
        _viewers.PushAsync(viewer => alreadyTold.Contains(viewer.ConnectionId)
            ? Task.CompletedTask
            : viewer.Relay.SessionEnded(viewer.ConnectionId, sessionId, reason));

    public async Task RememberSession(Guid sessionId)
    {
        if (!Agent.Exists)
        {
            return;
        }

        Agent.RecentSessions.Remove(sessionId);
        Agent.RecentSessions.Insert(0, sessionId);
        if (Agent.RecentSessions.Count > RecentSessionLimit)
        {
            Agent.RecentSessions.RemoveRange(RecentSessionLimit, Agent.RecentSessions.Count - RecentSessionLimit);
        }

        await state.WriteStateAsync();
    }

    public Task<Guid[]> GetRecentSessions() => Task.FromResult(Agent.Exists ? Agent.RecentSessions.ToArray() : []);

    public async Task ForgetDeviceGroup(Guid deviceGroupId)
    {
        if (Agent.Exists && Agent.DeviceGroupIds.Remove(deviceGroupId))
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<Refusal?> FindMissingDeviceGroup(IReadOnlyList<Guid> ids)
    {
        var distinct = ids.Distinct().ToList();
        var exists = await Task.WhenAll(distinct.Select(id => GrainFactory.GetGrain<IDeviceGroupGrain>(id).Exists()));
        var missing = distinct.Where((_, i) => !exists[i]).ToList();
        return missing.Count == 0
            ? null
            : Refusal.Invalid("deviceGroupIds", $"Unknown device group(s): {string.Join(", ", missing)}.");
    }

    private AgentInfo Describe() => new(
        Id,
        Agent.Email,
        Agent.DisplayName,
        Agent.Role,
        Agent.UserGroupId,
        Agent.UnattendedSupport,
        [.. Agent.DeviceGroupIds],
        Agent.CreatedAt);

    private static Refusal NotFound() => Refusal.NotFound("The agent does not exist.");
}

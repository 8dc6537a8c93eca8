using System.Collections.Immutable;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.Directory;
using Microsoft.Extensions.Logging;

namespace Broker.Grains.DeviceGroups;

/// <inheritdoc cref="IDeviceGroupGrain"/>
/// <remarks>
/// Reentrant so that a mass deployment's thousands of enrollments do not queue one write each: membership changes
/// are collected while a write is under way and saved together by the next one (group commit). Every change of state
/// runs under <see cref="_mutation"/>, so the interleaving never lets two of them see each other half done.
/// </remarks>
[Reentrant]
public sealed class DeviceGroupGrain(
    [PersistentState("device-group", BrokerStorage.Name)] IPersistentState<DeviceGroupState> state,
    EnrollmentCodeMinter codes,
    TimeProvider clock,
    ILogger<DeviceGroupGrain> logger) : Grain, IDeviceGroupGrain
{
    private readonly SemaphoreSlim _mutation = new(1, 1);
    private readonly ConnectionSet _presenceWatchers = new(logger);
    private List<(Guid Device, bool Add)> _queued = [];
    private TaskCompletionSource<bool>? _batch;

    private DeviceGroupState Group => state.State;

    private Guid Id => this.GetPrimaryKey();

    private IDirectoryGrain Directory => GrainFactory.GetGrain<IDirectoryGrain>(Directories.DeviceGroups);

    public Task<Result<DeviceGroupInfo>> Create(string name) => Exclusive<DeviceGroupInfo>(async () =>
    {
        if (Group.Exists)
        {
            return Refusal.Conflict("The device group exists already.");
        }

        if (!await Directory.Claim(name, Id))
        {
            return NameTaken(name);
        }

        Group.Exists = true;
        Group.Name = name.Trim();
        Group.CreatedAt = clock.GetUtcNow();
        Group.CodeGeneration = 1;
        await state.WriteStateAsync();
        return Describe();
    });

    public Task<Result<DeviceGroupInfo>> Get() =>
        Task.FromResult<Result<DeviceGroupInfo>>(Group.Exists ? Describe() : NotFound());

    public Task<bool> Exists() => Task.FromResult(Group.Exists);

    public Task<Result<DeviceGroupInfo>> Rename(string name) => Exclusive<DeviceGroupInfo>(async () =>
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        var oldName = Group.Name;
        var renamed = Directories.Normalize(name) != Directories.Normalize(oldName);
        if (renamed && !await Directory.Claim(name, Id))
        {
            return NameTaken(name);
        }

        Group.Name = name.Trim();
        await state.WriteStateAsync();
        if (renamed)
        {
            await Directory.Release(oldName, Id);
        }

        return Describe();
    });

    public async Task<Result<Done>> Delete()
    {
        var deleted = await Exclusive<Done>(async () =>
        {
            if (!Group.Exists)
            {
                return NotFound();
            }

            if (Group.Devices.Count > 0)
            {
                return Refusal.Conflict(
                    $"The device group still has {Group.Devices.Count} device(s); move or remove them before deleting the group.");
            }

            var name = Group.Name;
            await state.ClearStateAsync();
            state.State = new DeviceGroupState();
            await Directory.Release(name, Id);
            return Done.Value;
        });
        if (deleted.IsOk)
        {
            var agents = await GrainFactory.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).List();
            await Task.WhenAll(agents.Select(a => GrainFactory.GetGrain<IAgentGrain>(a.Id).ForgetDeviceGroup(Id)));
        }

        return deleted;
    }

    public Task<Result<string>> RotateEnrollmentCode() => Exclusive<string>(async () =>
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        Group.CodeGeneration++;
        Group.CodeRevoked = false;
        await state.WriteStateAsync();
        return codes.Mint(Id, Group.CodeGeneration);
    });

    public Task<Result<Done>> RevokeEnrollmentCode() => Exclusive<Done>(async () =>
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        Group.CodeRevoked = true;
        await state.WriteStateAsync();
        return Done.Value;
    });

    public Task<bool> AcceptsEnrollmentCode(string code) =>
        Task.FromResult(Group.Exists && !Group.CodeRevoked && codes.Matches(code, Id, Group.CodeGeneration));

    public Task<bool> AddDevice(Guid deviceId) => Enqueue(deviceId, add: true);

    public Task RemoveDevice(Guid deviceId) => Enqueue(deviceId, add: false);

    public Task<ImmutableArray<Guid>> ListDevices() => Task.FromResult(Group.Devices.ToImmutableArray());

    /// <summary>Queues a membership change and returns when a write holding it has completed.</summary>
    private Task<bool> Enqueue(Guid deviceId, bool add)
    {
        _queued.Add((deviceId, add));
        if (_batch is { } pending)
        {
            return pending.Task;
        }

        _batch = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var batch = _batch.Task;
        _ = FlushAsync();
        return batch;
    }

    private async Task FlushAsync()
    {
        await _mutation.WaitAsync();
        var batch = _batch!;
        var changes = _queued;
        _batch = null;
        _queued = [];
        try
        {
            if (Group.Exists)
            {
                foreach (var (device, add) in changes)
                {
                    _ = add ? Group.Devices.Add(device) : Group.Devices.Remove(device);
                }

                await state.WriteStateAsync();
            }

            batch.SetResult(Group.Exists);
        }
        catch (Exception exception)
        {
            batch.SetException(exception);
        }
        finally
        {
            _mutation.Release();
        }
    }

    private async Task<Result<T>> Exclusive<T>(Func<Task<Result<T>>> change)
    {
        await _mutation.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            _mutation.Release();
        }
    }

    private DeviceGroupInfo Describe() =>
        new(Id, Group.Name, Group.CodeRevoked ? null : codes.Mint(Id, Group.CodeGeneration), Group.CreatedAt);

    private static Refusal NotFound() => Refusal.NotFound("The device group does not exist.");

    private static Refusal NameTaken(string name) =>
        Refusal.Conflict($"A device group named '{name.Trim()}' exists already.", "name");

    public Task WatchPresence(Connection watcher)
    {
        _presenceWatchers.Add(watcher);
        return Task.CompletedTask;
    }

    public Task UnwatchPresence(string connectionId)
    {
        _presenceWatchers.Remove(connectionId);
        return Task.CompletedTask;
    }

    public Task PresenceChanged(PresenceUpdate update) =>
        _presenceWatchers.PushPerHostAsync((relay, connectionIds) => relay.PresenceChanged(connectionIds, update));
}

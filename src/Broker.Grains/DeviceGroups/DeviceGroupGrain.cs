using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Directory;

namespace Broker.Grains.DeviceGroups;

/// <inheritdoc cref="IDeviceGroupGrain"/>
public sealed class DeviceGroupGrain(
    [PersistentState("device-group", BrokerStorage.Name)] IPersistentState<DeviceGroupState> state,
    EnrollmentCodeMinter codes,
    TimeProvider clock) : Grain, IDeviceGroupGrain
{
    private DeviceGroupState Group => state.State;

    private Guid Id => this.GetPrimaryKey();

    private IDirectoryGrain Directory => GrainFactory.GetGrain<IDirectoryGrain>(Directories.DeviceGroups);

    public async Task<Result<DeviceGroupInfo>> Create(string name)
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
    }

    public Task<Result<DeviceGroupInfo>> Get() =>
        Task.FromResult<Result<DeviceGroupInfo>>(Group.Exists ? Describe() : NotFound());

    public Task<bool> Exists() => Task.FromResult(Group.Exists);

    public async Task<Result<DeviceGroupInfo>> Rename(string name)
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        var oldName = Group.Name;
        if (Directories.Normalize(name) == Directories.Normalize(oldName))
        {
            Group.Name = name.Trim();
            await state.WriteStateAsync();
            return Describe();
        }

        if (!await Directory.Claim(name, Id))
        {
            return NameTaken(name);
        }

        Group.Name = name.Trim();
        await state.WriteStateAsync();
        await Directory.Release(oldName, Id);
        return Describe();
    }

    public async Task<Result<Done>> Delete()
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

        var agents = await GrainFactory.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).List();
        await Task.WhenAll(agents.Select(a => GrainFactory.GetGrain<IAgentGrain>(a.Id).ForgetDeviceGroup(Id)));
        return Done.Value;
    }

    public async Task<Result<string>> RotateEnrollmentCode()
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        Group.CodeGeneration++;
        Group.CodeRevoked = false;
        await state.WriteStateAsync();
        return codes.Mint(Id, Group.CodeGeneration);
    }

    public async Task<Result<Done>> RevokeEnrollmentCode()
    {
        if (!Group.Exists)
        {
            return NotFound();
        }

        Group.CodeRevoked = true;
        await state.WriteStateAsync();
        return Done.Value;
    }

    private DeviceGroupInfo Describe() =>
        new(Id, Group.Name, Group.CodeRevoked ? null : codes.Mint(Id, Group.CodeGeneration), Group.CreatedAt);

    private static Refusal NotFound() => Refusal.NotFound("The device group does not exist.");

    private static Refusal NameTaken(string name) =>
        Refusal.Conflict($"A device group named '{name.Trim()}' exists already.", "name");
}

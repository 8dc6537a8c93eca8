using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Enrollment;
using Microsoft.Extensions.Options;

namespace Broker.Grains.Devices;

/// <inheritdoc cref="IDeviceGrain"/>
/// <remarks>
/// Presence lives in memory: the endpoint's connections and their last heartbeats. A connection whose heartbeats stop
/// for longer than <see cref="PresenceOptions.Timeout"/> no longer counts; only the last-seen time is persisted.
/// </remarks>
public sealed class DeviceGrain(
    [PersistentState("device", BrokerStorage.Name)] IPersistentState<DeviceState> state,
    IOptions<PresenceOptions> presence,
    TimeProvider clock) : Grain, IDeviceGrain
{
    private readonly Dictionary<string, (string Host, DateTimeOffset LastBeat)> _connections = [];

    private DeviceState Device => state.State;

    private Guid Id => this.GetPrimaryKey();

    private IDeviceGroupGrain Group(Guid id) => GrainFactory.GetGrain<IDeviceGroupGrain>(id);

    public async Task<Result<EnrolledDevice>> Enroll(DeviceEnrollment enrollment, string machineKey)
    {
        var previousGroup = Device.Exists ? Device.DeviceGroupId : (Guid?)null;
        if (!await Group(enrollment.DeviceGroupId).AddDevice(Id))
        {
            return Refusal.Invalid("deviceGroupId", "The device group does not exist.");
        }

        var token = SecretTokens.Device.Issue(Id);
        var nickname = enrollment.Nickname ?? (Device.Exists ? Device.Nickname : enrollment.ComputerName);
        state.State = new DeviceState
        {
            Exists = true,
            Nickname = nickname,
            ComputerName = enrollment.ComputerName,
            Os = enrollment.Os,
            DeviceGroupId = enrollment.DeviceGroupId,
            Method = enrollment.Method,
            EnrolledBy = enrollment.EnrolledBy,
            EnrolledAt = clock.GetUtcNow(),
            Consent = enrollment.Consent,
            CredentialStored = enrollment.CredentialStored,
            TokenHash = SecretTokens.Hash(token),
            MachineKey = machineKey,
            LastSeenAt = Device.LastSeenAt,
        };
        await state.WriteStateAsync();
        if (previousGroup is { } old && old != enrollment.DeviceGroupId)
        {
            await Group(old).RemoveDevice(Id);
        }

        return new EnrolledDevice(Id, token, enrollment.DeviceGroupId, nickname);
    }

    public Task<DeviceInfo?> Describe() => Task.FromResult(Device.Exists ? Info() : null);

    public async Task<Result<DeviceInfo>> Get(Guid agentId) =>
        await Reaches(agentId, Device.DeviceGroupId) ? Info() : NotFound();

    public async Task<Result<DeviceInfo>> Rename(Guid agentId, string nickname)
    {
        if (!await Reaches(agentId, Device.DeviceGroupId))
        {
            return NotFound();
        }

        Device.Nickname = nickname.Trim();
        await state.WriteStateAsync();
        return Info();
    }

    public async Task<Result<DeviceInfo>> Move(Guid agentId, Guid deviceGroupId)
    {
        if (!await Reaches(agentId, Device.DeviceGroupId))
        {
            return NotFound();
        }

        var from = Device.DeviceGroupId;
        if (from == deviceGroupId)
        {
            return Info();
        }

        if (!await Reaches(agentId, deviceGroupId) || !await Group(deviceGroupId).AddDevice(Id))
        {
            return Refusal.Invalid("deviceGroupId", "The device group does not exist or is not one of yours.");
        }

        Device.DeviceGroupId = deviceGroupId;
        await state.WriteStateAsync();
        await Group(from).RemoveDevice(Id);
        return Info();
    }

    public async Task<Result<DeviceInfo>> Remove(Guid agentId)
    {
        if (!await Reaches(agentId, Device.DeviceGroupId))
        {
            return NotFound();
        }

        var removed = Info();
        var group = Device.DeviceGroupId;
        var machine = Device.MachineKey;
        await state.ClearStateAsync();
        state.State = new DeviceState();
        await Group(group).RemoveDevice(Id);
        await GrainFactory.GetGrain<IMachineGrain>(machine).Forget(Id);
        return removed;
    }

    public Task<bool> VerifyToken(string token) => Task.FromResult(Device.Exists && SecretTokens.Matches(token, Device.TokenHash));

    public Task<bool> Connect(string connectionId, string host)
    {
        if (!Device.Exists)
        {
            return Task.FromResult(false);
        }

        _connections[connectionId] = (host, clock.GetUtcNow());
        return Task.FromResult(true);
    }

    public Task<bool> Heartbeat(string connectionId)
    {
        if (!Device.Exists)
        {
            _connections.Clear();
            return Task.FromResult(false);
        }

        _connections[connectionId] = (_connections.TryGetValue(connectionId, out var known) ? known.Host : "unknown", clock.GetUtcNow());
        return Task.FromResult(true);
    }

    public async Task Disconnect(string connectionId)
    {
        if (_connections.Remove(connectionId) && Device.Exists)
        {
            Device.LastSeenAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> SetCredentialStored(bool credentialStored)
    {
        if (!Device.Exists)
        {
            return false;
        }

        if (Device.CredentialStored != credentialStored)
        {
            Device.CredentialStored = credentialStored;
            await state.WriteStateAsync();
        }

        return true;
    }

    private bool IsOnline()
    {
        var cutoff = clock.GetUtcNow() - presence.Value.Timeout;
        return _connections.Values.Any(c => c.LastBeat > cutoff);
    }

    private DateTimeOffset? LastSeen() =>
        _connections.Count > 0 ? _connections.Values.Max(c => c.LastBeat) : Device.LastSeenAt;

    private async Task<bool> Reaches(Guid agentId, Guid deviceGroupId) =>
        Device.Exists && await GrainFactory.GetGrain<IAgentGrain>(agentId).CanReach(deviceGroupId);

    private DeviceInfo Info() => new(
        Id, Device.Nickname, Device.ComputerName, Device.Os, Device.DeviceGroupId, Device.Method, Device.EnrolledBy,
        Device.EnrolledAt, Device.Consent!, Device.CredentialStored, IsOnline(), LastSeen());

    private static Refusal NotFound() => Refusal.NotFound("The device does not exist or is not in one of your device groups.");
}

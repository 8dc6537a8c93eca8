using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Enrollment;
using Broker.Grains.Connections;
using Broker.Grains.Sessions;
using Microsoft.Extensions.Logging;
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
    TimeProvider clock,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain
{
    public const string ReconnectedReason = "The device reconnected and this session's stream was lost with its old connection; start a new session.";

    private readonly Dictionary<string, (Connection Connection, DateTimeOffset LastBeat)> _connections = [];

    /// <summary>Connections closed lately, and when: a heartbeat still under way as one closed must not bring it back.</summary>
    private readonly Dictionary<string, DateTimeOffset> _closed = [];
    private IGrainTimer? _presenceTimer;
    private bool _reportedOnline;

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
        var replacedToken = Device.Exists;
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

            // Still running until the connections made with the old token close, which ends them.
            Sessions = Device.Sessions,
        };
        await state.WriteStateAsync();
        if (previousGroup is { } old && old != enrollment.DeviceGroupId)
        {
            await Group(old).RemoveDevice(Id);
        }

        if (_reportedOnline && previousGroup is { } left && left != enrollment.DeviceGroupId)
        {
            // Its connections end below; the old group's watchers must not keep it online.
            _reportedOnline = false;
            await TellGroupAsync(left, online: false);
        }

        if (replacedToken && _connections.Count > 0)
        {
            // Enrolled again (reinstall, another setup): connections made with the old token end now, not at their next beat.
            await CloseConnectionsAsync("The device was enrolled again with a new token.");
            await ReconcilePresenceAsync(CancellationToken.None);
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
        if (_reportedOnline)
        {
            // Watchers of the old group see it leave (offline there), watchers of the new one see it arrive.
            await TellGroupAsync(from, online: false);
            await TellGroupAsync(deviceGroupId, online: true);
        }

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
        await CloseConnectionsAsync("The device's unattended access was removed.");
        DisposeTimer();
        await state.ClearStateAsync();
        state.State = new DeviceState();
        await Group(group).RemoveDevice(Id);
        await GrainFactory.GetGrain<IMachineGrain>(machine).Forget(Id);
        if (_reportedOnline)
        {
            _reportedOnline = false;
            await Group(group).PresenceChanged(new PresenceUpdate(Id, group, Online: false, clock.GetUtcNow()));
        }

        return removed;
    }

    public Task<bool> VerifyToken(string token) => Task.FromResult(Device.Exists && SecretTokens.Matches(token, Device.TokenHash));

    public async Task<bool> Connect(Connection connection)
    {
        if (!Device.Exists)
        {
            return false;
        }

        _connections[connection.ConnectionId] = (connection, clock.GetUtcNow());
        // A connected device's grain stays active (the timer keeps it alive): its presence lives here.
        EnsurePresenceTimer(PresenceCheckPeriod);
        await EndSessionsOfEarlierConnectionsAsync(connection.ConnectionId);
        await ReconcilePresenceAsync(CancellationToken.None);
        return true;
    }

    public async Task<bool> Heartbeat(Connection connection)
    {
        if (!Device.Exists)
        {
            _connections.Clear();
            return false;
        }

        // Also how a reactivated grain (its host gone) learns again which host holds the connection.
        var known = _connections.ContainsKey(connection.ConnectionId);
        if (!known && _closed.ContainsKey(connection.ConnectionId))
        {
            return true;
        }

        _connections[connection.ConnectionId] = (connection, clock.GetUtcNow());
        if (!known)
        {
            return await Connect(connection);
        }

        await ReconcilePresenceAsync(CancellationToken.None);
        return true;
    }

    public async Task Disconnect(string connectionId)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _closed.Where(c => now - c.Value > presence.Value.Timeout).Select(c => c.Key).ToList())
        {
            _closed.Remove(old);
        }

        _closed[connectionId] = now;
        if (_connections.Remove(connectionId) && Device.Exists)
        {
            Device.LastSeenAt = now;
            await state.WriteStateAsync();
            await ReconcilePresenceAsync(CancellationToken.None);
        }
    }

    public async Task<Result<DeviceSessionStart>> OpenSession(Guid sessionId, string mode)
    {
        if (!Device.Exists)
        {
            return Refusal.NotFound("The device does not exist.");
        }

        // The freshest connection is the one the endpoint holds now; older ones may be half-open sockets.
        foreach (var (connection, _) in _connections.Values.Where(c => IsFresh(c.LastBeat)).OrderByDescending(c => c.LastBeat).ToList())
        {
            try
            {
                await connection.Relay.StartSession(connection.ConnectionId, sessionId, mode);
                Device.Sessions.Add(sessionId);
                Device.SessionConnections[sessionId] = connection.ConnectionId;
                await state.WriteStateAsync();
                await TellSessionCountAsync();
                return new DeviceSessionStart(connection, Device.CredentialStored, Device.Nickname);
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Device {DeviceId}: connection {ConnectionId} is gone", Id, connection.ConnectionId);
                _connections.Remove(connection.ConnectionId);
            }
        }

        await ReconcilePresenceAsync(CancellationToken.None);
        return Refusal.Conflict("The device is offline.");
    }

    public async Task CloseSession(Guid sessionId)
    {
        if (Device.Exists && Device.Sessions.Remove(sessionId))
        {
            Device.SessionConnections.Remove(sessionId);
            await state.WriteStateAsync();
            await TellSessionCountAsync();
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reactivated with sessions (its silo was lost): unless the endpoint comes back in time, they end.
        if (Device.Exists && (Device.Sessions.Count > 0 || Device.EndingSessions.Count > 0))
        {
            EnsurePresenceTimer(presence.Value.Timeout);
        }

        return Task.CompletedTask;
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

    private bool IsFresh(DateTimeOffset lastBeat) => lastBeat > clock.GetUtcNow() - presence.Value.Timeout;

    private bool IsOnline() => _connections.Values.Any(c => IsFresh(c.LastBeat));

    private TimeSpan PresenceCheckPeriod => presence.Value.Timeout / 3 is var third && third > TimeSpan.FromMilliseconds(200) ? third : TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Tells the device's group (and so every agent watching it) when the device came online or went offline, and ends
    /// the device's sessions when it went offline. Runs after every connection event and on a timer while connected,
    /// since heartbeats that stop are an event nobody sends.
    /// </summary>
    private async Task ReconcilePresenceAsync(CancellationToken tick)
    {
        if (!Device.Exists)
        {
            DisposeTimer();
            return;
        }

        // Last seen is the newest heartbeat, also of the connections about to be dropped as silent.
        var lastSeen = LastSeen();
        foreach (var stale in _connections.Where(c => !IsFresh(c.Value.LastBeat)).Select(c => c.Key).ToList())
        {
            _connections.Remove(stale);
        }

        var online = _connections.Count > 0;
        if (!online)
        {
            if (Device.LastSeenAt != lastSeen && lastSeen is not null)
            {
                Device.LastSeenAt = lastSeen;
                await state.WriteStateAsync();
            }

            await EndSessionsAsync("The device went offline.");
        }

        // Reported only once the group took it: a change that failed to reach it (its host lost, say) is sent again at
        // the next tick, so watchers are not left with the old presence for good.
        if (online != _reportedOnline && await TellGroupAsync(Device.DeviceGroupId, online))
        {
            _reportedOnline = online;
        }

        // Last: disposing the timer cancels the token of the tick that may be running this. An offline device whose
        // group has not heard it yet keeps its timer.
        if (!online && !_reportedOnline && Device.EndingSessions.Count == 0)
        {
            DisposeTimer();
        }
        else if (!online)
        {
            EnsurePresenceTimer(PresenceCheckPeriod);
        }
    }

    /// <summary>
    /// The presence timer's tick: sessions still to be told of their end are told again (here, not at every heartbeat),
    /// then presence is reconciled.
    /// </summary>
    private async Task PresenceTickAsync(CancellationToken tick)
    {
        await TellEndingSessionsAsync();
        await ReconcilePresenceAsync(tick);
    }

    /// <summary>Starts the presence timer unless it runs; it keeps the grain active while it does.</summary>
    private void EnsurePresenceTimer(TimeSpan dueTime) =>
        _presenceTimer ??= this.RegisterGrainTimer(PresenceTickAsync, new GrainTimerCreationOptions(dueTime, PresenceCheckPeriod) { KeepAlive = true });

    /// <summary>
    /// Colleagues watching the group see that someone is on an online device: its open sessions changed. (Offline, the
    /// presence change that follows says so; a push that fails is not retried, the next change carries the count.)
    /// </summary>
    private async Task TellSessionCountAsync()
    {
        if (_reportedOnline && _connections.Count > 0)
        {
            await TellGroupAsync(Device.DeviceGroupId, online: true);
        }
    }

    private async Task<bool> TellGroupAsync(Guid deviceGroupId, bool online)
    {
        try
        {
            var update = new PresenceUpdate(Id, deviceGroupId, online, LastSeen(), online ? Device.Sessions.Count : 0);
            await Group(deviceGroupId).PresenceChanged(update);
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Device {DeviceId}: telling group {DeviceGroupId} of a presence change failed; trying again", Id, deviceGroupId);
            return false;
        }
    }

    private void DisposeTimer()
    {
        _presenceTimer?.Dispose();
        _presenceTimer = null;
    }

    private Task EndSessionsAsync(string reason) => EndAsync(Device.Sessions.ToList(), reason);

    /// <summary>
    /// Forgets <paramref name="sessions"/> as the device's and tells each that it ended; one whose grain cannot be reached
    /// now (its host lost) is kept in <see cref="DeviceState.EndingSessions"/> and told again at the next presence tick.
    /// </summary>
    private async Task EndAsync(IReadOnlyList<Guid> sessions, string reason)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        foreach (var session in sessions)
        {
            Device.Sessions.Remove(session);
            Device.SessionConnections.Remove(session);
            Device.EndingSessions[session] = reason;
        }

        // Stored before anyone is told, so a grain lost in between still knows what it has to tell.
        if (Device.Exists)
        {
            await state.WriteStateAsync();
        }

        await TellEndingSessionsAsync();
    }

    private async Task TellEndingSessionsAsync()
    {
        if (Device.EndingSessions.Count == 0)
        {
            return;
        }

        var told = 0;
        foreach (var (session, reason) in Device.EndingSessions.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<ISessionGrain>(session).DeviceGone(Id, reason);
                Device.EndingSessions.Remove(session);
                told++;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Device {DeviceId}: telling session {SessionId} that it ended failed; trying again", Id, session);
            }
        }

        if (told > 0 && Device.Exists)
        {
            await state.WriteStateAsync();
        }

        if (Device.EndingSessions.Count > 0)
        {
            EnsurePresenceTimer(PresenceCheckPeriod);
        }
    }

    /// <summary>
    /// The endpoint connected anew (its host was lost, or its network): the sessions it ran on an earlier connection
    /// stopped streaming with that connection, so they end with a reason instead of leaving their viewers waiting.
    /// A grain that was reactivated learns the same connection again from its heartbeat, which ends nothing.
    /// </summary>
    private async Task EndSessionsOfEarlierConnectionsAsync(string connectionId)
    {
        var earlier = Device.SessionConnections.Where(s => s.Value != connectionId).Select(s => s.Key).ToList();
        if (earlier.Count > 0)
        {
            await EndAsync(earlier, ReconnectedReason);
            await TellSessionCountAsync();
        }
    }

    /// <summary>Ends the device's sessions and closes its connections: its token no longer counts.</summary>
    private async Task CloseConnectionsAsync(string reason)
    {
        await EndSessionsAsync(reason);
        var connections = _connections.Values.Select(c => c.Connection).ToList();
        _connections.Clear();
        foreach (var connection in connections)
        {
            try
            {
                await connection.Relay.Close(connection.ConnectionId, reason);
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Device {DeviceId}: closing connection {ConnectionId} failed; it is gone", Id, connection.ConnectionId);
            }
        }
    }

    private DateTimeOffset? LastSeen() =>
        _connections.Count > 0 ? _connections.Values.Max(c => c.LastBeat) : Device.LastSeenAt;

    private async Task<bool> Reaches(Guid agentId, Guid deviceGroupId) =>
        Device.Exists && await GrainFactory.GetGrain<IAgentGrain>(agentId).CanReach(deviceGroupId);

    private DeviceInfo Info() => new(
        Id, Device.Nickname, Device.ComputerName, Device.Os, Device.DeviceGroupId, Device.Method, Device.EnrolledBy,
        Device.EnrolledAt, Device.Consent!, Device.CredentialStored, IsOnline(), LastSeen(), Device.Sessions.Count);

    private static Refusal NotFound() => Refusal.NotFound("The device does not exist or is not in one of your device groups.");
}

using Broker.Contracts.Hubs;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.Devices;
using Broker.Grains.Enrollment;
using Orleans.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Broker.Grains.Sessions.SessionStates;

namespace Broker.Grains.Sessions;

/// <inheritdoc cref="ISessionGrain"/>
/// <remarks>
/// Placed on the host that starts it: the agent's, where viewers usually watch, so frames cross between silos once
/// (device's host → here) rather than twice.
/// </remarks>
[PreferLocalPlacement]
public sealed class SessionGrain(
    [PersistentState("session", BrokerStorage.Name)] IPersistentState<SessionState> state,
    TimeProvider clock,
    IOptions<BrokerSessionOptions> options,
    ILogger<SessionGrain> logger,
    IFrameRelayMetrics? relayMetrics = null) : Grain, ISessionGrain
{
    public const string Attended = "attended";
    public const string Unattended = "unattended";
    public const string RequestingMessage = "Requesting unattended support access…";
    public const string KeyLapsedReason = "The support key expired before the customer joined.";

    /// <summary>A key redeemed just before it lapsed may still be joining (and silos' clocks differ a little).</summary>
    public static readonly TimeSpan JoinSlack = TimeSpan.FromMinutes(1);

    private readonly ConnectionSet _customer = new(logger);
    private readonly ConnectionSet _viewers = new(logger);
    private readonly Dictionary<string, Guid> _viewerAgents = [];
    private IConnectionRelay[] _viewerHosts = [];
    private readonly Dictionary<GrainId, HostFrames> _hostFrames = [];

    /// <summary>The connection that uploads the picture and takes the input: the device's, or the customer's in an attended session.</summary>
    private Connection? _source;

    /// <summary>Ends an attended session that nobody is on any more (see <see cref="EnsureLapseTimer"/>).</summary>
    private IGrainTimer? _lapse;

    /// <summary>When each customer connection was last registered by its host (on connect, then every refresh).</summary>
    private readonly Dictionary<string, DateTimeOffset> _customerSeen = [];

    /// <summary>Since when no customer connection is known in an active attended session.</summary>
    private DateTimeOffset? _customerGoneSince;

    private SessionState Session => state.State;

    private Guid Id => this.GetPrimaryKey();

    private DateTimeOffset KeyExpiresAt => Session.CreatedAt + SupportKeys.Lifetime;

    private IAgentGrain Agent => GrainFactory.GetGrain<IAgentGrain>(Session.AgentId);

    public async Task<Result<AttendedSession>> StartAttended(Guid agentId)
    {
        if (Session.Exists)
        {
            return Refusal.Conflict("The session exists already.");
        }

        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        var permissions = await agent.GetPermissions();
        if (!permissions.IsOk || !permissions.Value!.AttendedSupport)
        {
            return Refusal.Forbidden("Your permissions do not allow attended support sessions.");
        }

        var expiresAt = clock.GetUtcNow() + SupportKeys.Lifetime;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var key = SupportKeys.New();
            if (!await GrainFactory.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(key)).Claim(Id, expiresAt))
            {
                continue;
            }

            state.State = new SessionState
            {
                Exists = true,
                Kind = Attended,
                AgentId = agentId,
                AgentName = (await agent.GetCredential())?.DisplayName ?? "your support agent",
                CreatedAt = clock.GetUtcNow(),
            };
            await state.WriteStateAsync();
            await agent.RememberSession(Id);
            EnsureLapseTimer();
            return new AttendedSession(Id, key, expiresAt);
        }

        throw new InvalidOperationException("Could not find a free support key.");
    }

    public async Task<Result<string>> Join(CustomerFacts customer)
    {
        if (!Session.Exists || Session.State != Waiting)
        {
            return Refusal.Conflict("The session cannot be joined any more.");
        }

        var token = SecretTokens.Session.Issue(Id);
        Session.Customer = customer;
        Session.CustomerTokenHash = SecretTokens.Hash(token);
        Session.State = Active;
        await state.WriteStateAsync();

        // From here the session waits for the customer's computer to connect, as it would after a disconnect.
        _customerGoneSince = clock.GetUtcNow();
        EnsureLapseTimer();
        return token;
    }

    public async Task<Result<SessionView>> Get(Guid agentId) =>
        IsAgent(agentId) ? await View(agentId) : NotFound();

    public async Task<Result<SessionView>> End(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.State != Ended)
        {
            await EndAsync("The agent ended the session.", tellDevice: true);
        }

        return await View(agentId);
    }

    public Task<bool> VerifyCustomerToken(string token) =>
        Task.FromResult(Session.Exists && Session.State != Ended && SecretTokens.Matches(token, Session.CustomerTokenHash));

    public async Task<bool> CustomerConnected(Connection connection)
    {
        if (!Session.Exists || Session.State == Ended)
        {
            return false;
        }

        // Joining is the customer's consent to show their screen: a connection new to this grain is asked for its
        // picture (a refresh of one already streaming is ignored by the endpoint, which keeps its upload).
        var known = _customer.Contains(connection.ConnectionId);
        _customer.Add(connection);
        _customerSeen[connection.ConnectionId] = clock.GetUtcNow();
        if (!known)
        {
            try
            {
                await connection.Relay.StartSession(connection.ConnectionId, Id, Attended);
            }
            catch (Exception exception)
            {
                // Its host does not hold it (any more): it is not a customer who is here.
                logger.LogDebug(exception, "Session {SessionId}: the customer's connection {ConnectionId} is gone", Id, connection.ConnectionId);
                ForgetCustomer(connection.ConnectionId);
                return true;
            }
        }

        _customerGoneSince = null;
        return true;
    }

    public Task CustomerDisconnected(string connectionId)
    {
        ForgetCustomer(connectionId);
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An activation knows no customer connection yet: hosts register theirs again within a refresh period, so the
        // grace for a customer who is gone starts after that.
        if (Session.Exists && Session.Kind == Attended && Session.State == Active)
        {
            _customerGoneSince = clock.GetUtcNow() + ConnectionRegistrations.RefreshPeriod;
        }

        EnsureLapseTimer();
        return Task.CompletedTask;
    }

    private void ForgetCustomer(string connectionId)
    {
        _customer.Remove(connectionId);
        _customerSeen.Remove(connectionId);
        if (_source?.ConnectionId == connectionId)
        {
            _source = null;
        }

        if (_customer.Count == 0)
        {
            _customerGoneSince ??= clock.GetUtcNow();
        }
    }

    /// <summary>
    /// While an attended session is open, a timer checks that somebody is on it: it ends when its support key lapsed
    /// before the customer joined, and when the customer's computer has been gone for
    /// <see cref="BrokerSessionOptions.CustomerGrace"/> (closed, crashed, stopped while it could not reach the broker, or
    /// held by a host that is gone, whose registration stopped being renewed). It keeps the grain active meanwhile.
    /// </summary>
    private void EnsureLapseTimer()
    {
        if (Session.Exists && Session.Kind == Attended && Session.State != Ended)
        {
            _lapse ??= this.RegisterGrainTimer(LapseTickAsync, new GrainTimerCreationOptions(LapseCheckPeriod, LapseCheckPeriod) { KeepAlive = true });
        }
    }

    private TimeSpan LapseCheckPeriod =>
        TimeSpan.FromTicks(Math.Clamp(options.Value.CustomerGrace.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromSeconds(30).Ticks));

    private async Task LapseTickAsync(CancellationToken cancellationToken)
    {
        if (Session.State == Ended)
        {
            // Ended by a call whose write failed (EndAsync disposes the timer otherwise): the grain is reloading.
            _lapse?.Dispose();
            _lapse = null;
            return;
        }

        var now = clock.GetUtcNow();
        var reason = Session.State switch
        {
            Waiting when now >= KeyExpiresAt + JoinSlack => KeyLapsedReason,
            Active when CustomerGone(now) => $"The customer's computer was disconnected for {Words(options.Value.CustomerGrace)} and did not come back.",
            _ => null,
        };
        if (reason is null)
        {
            return;
        }

        try
        {
            await EndAsync(reason, tellDevice: false);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Session {SessionId}: ending it ({Reason}) failed", Id, reason);
        }
    }

    /// <summary>
    /// Drops customer registrations no host renewed (and those a failed push dropped already), then whether the customer
    /// has been gone for the grace period.
    /// </summary>
    private bool CustomerGone(DateTimeOffset now)
    {
        var gone = _customerSeen
            .Where(seen => now - seen.Value >= ConnectionRegistrations.StaleAfter || !_customer.Contains(seen.Key))
            .Select(seen => seen.Key)
            .ToList();
        foreach (var connectionId in gone)
        {
            ForgetCustomer(connectionId);
        }

        return _customer.Count == 0 && _customerGoneSince is { } since && now - since >= options.Value.CustomerGrace;
    }

    private static string Words(TimeSpan span) => span.TotalMinutes % 1 == 0
        ? Count((int)span.TotalMinutes, "minute")
        : Count((int)Math.Round(span.TotalSeconds), "second");

    private static string Count(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    public async Task<Result<SessionView>> StartSetup(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (await UnavailableReason(agentId) is { } reason)
        {
            return Refusal.Conflict(reason);
        }

        if (_customer.Count == 0)
        {
            return Refusal.Conflict("The customer's computer is not connected to the session.");
        }

        Session.SetupId = Guid.NewGuid();
        Session.SetupState = SetupRequestingConsent;
        Session.CredentialStored = null;
        await state.WriteStateAsync();
        var setupId = Session.SetupId.Value;
        await _customer.PushAsync(c => c.Relay.RequestConsent(c.ConnectionId, setupId, Session.AgentName));
        await Progress(SetupRequestingConsent, RequestingMessage);
        return await View(agentId);
    }

    public async Task<Result<SessionView>> CancelSetup(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.SetupState is not (SetupRequestingConsent or SetupAllowed))
        {
            return Refusal.Conflict("No unattended-access setup is under way.");
        }

        Session.SetupState = SetupCancelled;
        await state.WriteStateAsync();
        await Progress(SetupCancelled, "Unattended support setup was cancelled.");
        return await View(agentId);
    }

    public async Task<Result<Done>> AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (Session.SetupId != setupId || Session.SetupState != SetupRequestingConsent)
        {
            return Refusal.Conflict("This consent request is no longer open (it was cancelled or answered).");
        }

        Session.SetupState = allow ? SetupAllowed : SetupDeclined;
        Session.CredentialStored = allow && credentialStored;
        await state.WriteStateAsync();
        await Progress(Session.SetupState, allow
            ? "The customer allowed unattended access. Give the computer a nickname and choose its device group."
            : "Unattended support setup could not be completed: the customer declined.");
        return Done.Value;
    }

    public async Task<Result<SetupResult>> CompleteSetup(Guid agentId, string nickname, Guid deviceGroupId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.SetupState != SetupAllowed)
        {
            return Refusal.Conflict("The customer has not allowed unattended access in this session.");
        }

        var customer = Session.Customer!;
        var machine = new MachineFacts(customer.MachineKey ?? $"session:{Id:N}", customer.ComputerName, customer.Os);
        var credentialStored = Session.CredentialStored ?? false;
        var enrolled = await GrainFactory.GetGrain<IEnrollmentGrain>(0)
            .EnrollFromSession(agentId, machine, nickname, deviceGroupId, credentialStored, Id);
        if (!enrolled.IsOk)
        {
            return enrolled.AsRefusal();
        }

        Session.SetupState = SetupCompleted;
        Session.DeviceId = enrolled.Value!.DeviceId;
        await state.WriteStateAsync();
        await _customer.PushAsync(c => c.Relay.Enrolled(c.ConnectionId, enrolled.Value.DeviceId, enrolled.Value.DeviceToken));
        var message = credentialStored
            ? "Unattended support set up successfully."
            : "Unattended support set up. No login was stored: the customer will have to log in when you connect.";
        await Progress(SetupCompleted, message);
        return new SetupResult(enrolled.Value.DeviceId, credentialStored, message);
    }

    public async Task<Result<SessionView>> StartUnattended(Guid agentId, Guid deviceId)
    {
        if (Session.Exists)
        {
            return Refusal.Conflict("The session exists already.");
        }

        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        var device = GrainFactory.GetGrain<IDeviceGrain>(deviceId);
        if (await device.Describe() is not { } info || !await agent.CanReach(info.DeviceGroupId))
        {
            return Refusal.NotFound("The device does not exist or is not in one of your device groups.");
        }

        var permissions = await agent.GetPermissions();
        if (!permissions.IsOk || !permissions.Value!.UnattendedSupport)
        {
            return Refusal.Forbidden("Your permissions do not allow unattended support.");
        }

        if (!info.Online)
        {
            return Refusal.Conflict("The device is offline.");
        }

        // Saved before the endpoint hears of it, so its upload finds the session; ended again if the endpoint is gone.
        state.State = new SessionState
        {
            Exists = true,
            Kind = Unattended,
            AgentId = agentId,
            AgentName = (await agent.GetCredential())?.DisplayName ?? "your support agent",
            CreatedAt = clock.GetUtcNow(),
            State = Active,
            DeviceId = deviceId,
            CredentialStored = info.CredentialStored,
        };
        await state.WriteStateAsync();
        var opened = await device.OpenSession(Id, Unattended);
        if (!opened.IsOk)
        {
            Session.State = Ended;
            Session.EndedReason = opened.Error;
            await state.WriteStateAsync();
            return opened.AsRefusal();
        }

        _source = opened.Value!.Connection;
        if (Session.CredentialStored != opened.Value.CredentialStored)
        {
            Session.CredentialStored = opened.Value.CredentialStored;
            await state.WriteStateAsync();
        }

        await agent.RememberSession(Id);
        return await View(agentId);
    }

    public async Task<Result<WatchGrant>> Watch(Guid agentId, Connection viewer)
    {
        if (!Session.Exists || !await MayWatch(agentId))
        {
            return NotFound();
        }

        if (Session.State == Ended)
        {
            return Refusal.Conflict($"The session has ended: {Session.EndedReason}");
        }

        _viewers.Add(viewer);
        _viewerAgents[viewer.ConnectionId] = agentId;
        _viewerHosts = [.. _viewers.ByHost().Select(h => h.Relay)];
        return new WatchGrant(Id, Control: agentId == Session.AgentId);
    }

    public Task Unwatch(string connectionId)
    {
        if (_viewers.Remove(connectionId))
        {
            _viewerAgents.Remove(connectionId);
            _viewerHosts = [.. _viewers.ByHost().Select(h => h.Relay)];
            foreach (var gone in _hostFrames.Keys.Except(_viewerHosts.Select(h => h.GetGrainId())).ToList())
            {
                _hostFrames.Remove(gone);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Result<Done>> AttachSource(Guid sourceId, Connection source)
    {
        if (!IsSource(sourceId))
        {
            return Task.FromResult<Result<Done>>(Refusal.NotFound("The session does not exist or is not this device's."));
        }

        if (Session.State == Ended)
        {
            return Task.FromResult<Result<Done>>(Refusal.Conflict($"The session has ended: {Session.EndedReason}"));
        }

        _source = source;
        return Task.FromResult<Result<Done>>(Done.Value);
    }

    public Task<bool> PushFrame(Guid sourceId, Connection source, Frame frame)
    {
        if (!IsSource(sourceId) || Session.State == Ended)
        {
            return Task.FromResult(false);
        }

        _source ??= source;
        foreach (var host in _viewerHosts)
        {
            var id = host.GetGrainId();
            if (!_hostFrames.TryGetValue(id, out var frames))
            {
                _hostFrames[id] = frames = new HostFrames(host);
            }

            frames.Offer(frame, this);
        }

        return Task.FromResult(true);
    }

    public async Task<Result<Done>> SendInput(Guid agentId, InputEvent input)
    {
        if (!Session.Exists || !await MayWatch(agentId))
        {
            return NotFound();
        }

        if (agentId != Session.AgentId)
        {
            return Refusal.Forbidden("You are watching this session view-only; only the agent who started it sends input.");
        }

        if (Session.State == Ended)
        {
            return Refusal.Conflict($"The session has ended: {Session.EndedReason}");
        }

        if (_source is not { } source)
        {
            return Refusal.Conflict(Session.Kind == Attended
                ? "The customer's computer is not sharing its screen in this session yet."
                : "The device has not connected to the session yet.");
        }

        try
        {
            await source.Relay.Input(source.ConnectionId, Id, input);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Session {SessionId}: input to the device failed", Id);
            return Refusal.Conflict(Session.Kind == Attended
                ? "The customer's computer cannot be reached; it may be reconnecting."
                : "The device cannot be reached; it may be reconnecting.");
        }

        return Done.Value;
    }

    public async Task<Result<Done>> EndByDevice(Guid deviceId, string reason)
    {
        if (!IsDevice(deviceId))
        {
            return Refusal.NotFound("The session does not exist or is not this device's.");
        }

        if (Session.State != Ended)
        {
            await EndAsync(string.IsNullOrWhiteSpace(reason) ? "The device ended the session." : $"The device ended the session: {reason}", tellDevice: false);
            await GrainFactory.GetGrain<IDeviceGrain>(deviceId).CloseSession(Id);
        }

        return Done.Value;
    }

    public async Task<Result<Done>> EndByCustomer(string reason)
    {
        if (!Session.Exists || Session.Kind != Attended)
        {
            return Refusal.NotFound("The session does not exist or is not an attended session.");
        }

        if (Session.State != Ended)
        {
            await EndAsync(string.IsNullOrWhiteSpace(reason) ? "The customer ended the session." : $"The customer ended the session: {reason}", tellDevice: false);
        }

        return Done.Value;
    }

    public async Task DeviceGone(Guid deviceId, string reason)
    {
        if (IsDevice(deviceId) && Session.State != Ended)
        {
            await EndAsync(reason, tellDevice: false);
        }
    }

    /// <summary>
    /// Sends one host its frames in order, one call at a time, never awaited by <see cref="PushFrame"/>: while a call is
    /// under way only the newest next frame waits, so a slow or lost host costs one frame of memory and delays nobody.
    /// </summary>
    private sealed class HostFrames(IConnectionRelay host)
    {
        private Frame? _waiting;
        private bool _sending;

        public void Offer(Frame frame, SessionGrain session)
        {
            if (_sending)
            {
                if (_waiting is not null)
                {
                    session.SkippedForHost();
                }

                _waiting = frame;
                return;
            }

            _sending = true;
            _ = SendAsync(frame, session);
        }

        private async Task SendAsync(Frame frame, SessionGrain session)
        {
            while (true)
            {
                try
                {
                    await host.Frame(session.Id, frame);
                }
                catch (Exception exception)
                {
                    _waiting = null;
                    _sending = false;
                    session.HostLost(host, exception);
                    return;
                }

                if (_waiting is not { } next)
                {
                    _sending = false;
                    return;
                }

                _waiting = null;
                frame = next;
            }
        }
    }

    private void SkippedForHost() => relayMetrics?.FrameSkippedForHost();

    /// <summary>A host did not take a frame: its viewers are gone until the host registers them again.</summary>
    private void HostLost(IConnectionRelay host, Exception exception)
    {
        logger.LogDebug(exception, "Session {SessionId}: a viewer host did not take a frame; dropping its viewers", Id);
        var id = host.GetGrainId();
        foreach (var viewer in _viewers.All.Where(v => v.Relay.GetGrainId() == id).Select(v => v.ConnectionId).ToList())
        {
            _viewers.Remove(viewer);
            _viewerAgents.Remove(viewer);
        }

        _hostFrames.Remove(id);
        _viewerHosts = [.. _viewers.ByHost().Select(h => h.Relay)];
    }

    private bool IsDevice(Guid deviceId) => Session.Exists && Session.Kind == Unattended && Session.DeviceId == deviceId;

    /// <summary>
    /// Whether <paramref name="sourceId"/> may upload this session's picture: the device of an unattended session, or the
    /// customer of a joined attended session, whose token names the session (so its source id is the session's id).
    /// </summary>
    private bool IsSource(Guid sourceId) =>
        IsDevice(sourceId) || (Session.Exists && Session.Kind == Attended && Session.State == Active && sourceId == Id);

    /// <summary>The session's agent, or for an unattended session any agent who reaches the device's group.</summary>
    private async Task<bool> MayWatch(Guid agentId)
    {
        if (agentId == Session.AgentId)
        {
            return true;
        }

        if (Session.Kind != Unattended || Session.DeviceId is not { } deviceId
            || await GrainFactory.GetGrain<IDeviceGrain>(deviceId).Describe() is not { } device)
        {
            return false;
        }

        // Watching is connecting: an agent whose unattended support is off does not watch, not even view-only.
        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        return await agent.CanReach(device.DeviceGroupId)
            && await agent.GetPermissions() is { IsOk: true } permissions && permissions.Value!.UnattendedSupport;
    }

    private bool IsAgent(Guid agentId) => Session.Exists && Session.AgentId == agentId;

    /// <summary>Why "set up unattended support" is greyed out, or null when it is available.</summary>
    private async Task<string?> UnavailableReason(Guid agentId)
    {
        if (Session.Kind != Attended)
        {
            return "Unattended access is set up from attended sessions only.";
        }

        if (Session.State != Active)
        {
            return Session.State == Waiting ? "The customer has not joined the session yet." : "The session has ended.";
        }

        if (Session.SetupState == SetupCompleted)
        {
            return "Unattended access was set up in this session.";
        }

        if (Session.SetupState is SetupRequestingConsent or SetupAllowed)
        {
            return "An unattended-access setup is under way.";
        }

        var permissions = await GrainFactory.GetGrain<IAgentGrain>(agentId).GetPermissions();
        if (!permissions.IsOk || !permissions.Value!.UnattendedSupport)
        {
            return "Your permissions do not allow unattended support.";
        }

        if (Session.Customer?.MachineKey is { } machineKey
            && await GrainFactory.GetGrain<IMachineGrain>(MachineKeys.Of(machineKey)).GetDevice() is not null)
        {
            return "This computer already has unattended access.";
        }

        return null;
    }

    private async Task<SessionView> View(Guid agentId) => new(
        Id, Session.Kind, Session.State, Session.AgentId, Session.CreatedAt, Session.Customer, _customer.Count > 0,
        await UnavailableReason(agentId), Session.SetupState, Session.SetupId, Session.CredentialStored, Session.DeviceId, Session.EndedReason);

    private Task Progress(string setupState, string message) => Agent.NotifySetupProgress(Id, setupState, message);

    private async Task EndAsync(string reason, bool tellDevice)
    {
        Session.State = Ended;
        Session.EndedReason = reason;
        if (Session.SetupState is SetupRequestingConsent or SetupAllowed)
        {
            Session.SetupState = SetupCancelled;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Ended here but not in storage: the next call reads the truth again (and an attended session's check starts over).
            DeactivateOnIdle();
            throw;
        }

        await _customer.PushAsync(c => c.Relay.EndSession(c.ConnectionId, Id, reason));
        var told = await EndStreamsAsync(reason, tellDevice);
        await Agent.NotifySessionEnded(Id, reason, told);

        // Last: disposing the timer cancels the token of a tick that may be running this.
        _lapse?.Dispose();
        _lapse = null;
    }

    /// <summary>
    /// Tells an unattended session's device (unless it is gone or told us), completes every host's streams (the viewers'
    /// and the upload), and tells every viewer watching; returns those viewers' connections. The session's agent hears it
    /// on their other viewers through their grain, which may have lost its registrations with a lost host while this
    /// grain still knows who watches.
    /// </summary>
    private async Task<string[]> EndStreamsAsync(string reason, bool tellDevice)
    {
        var device = _source;
        _source = null;
        if (tellDevice && Session.Kind == Unattended && Session.DeviceId is { } deviceId)
        {
            await GrainFactory.GetGrain<IDeviceGrain>(deviceId).CloseSession(Id);
            if (device is not null)
            {
                await Quietly(() => device.Relay.EndSession(device.ConnectionId, Id, reason));
            }
        }

        var hosts = _viewerHosts.Concat(device is null ? [] : [device.Relay]).DistinctBy(relay => relay.GetGrainId());
        await Task.WhenAll(hosts.Select(host => Quietly(() => host.SessionOver(Id, reason))));

        var watching = _viewers.All.ToList();
        await Task.WhenAll(watching.Select(v => Quietly(() => v.Relay.SessionEnded(v.ConnectionId, Id, reason))));
        return [.. watching.Select(v => v.ConnectionId)];
    }

    /// <summary>A push to a connection that may be gone: its failure changes nothing here.</summary>
    private async Task Quietly(Func<Task> push)
    {
        try
        {
            await push();
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Session {SessionId}: a push failed; its connection is gone", Id);
        }
    }

    private static Refusal NotFound() => Refusal.NotFound("The session does not exist or is not yours.");
}

using Broker.Contracts.Hubs;
using Broker.Grains.Connections;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Broker.Server.Live;
using Broker.Server.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Broker.Server.Hubs;

/// <summary>
/// <c>/hubs/device</c>: the one persistent connection of each endpoint, enrolled (device token) or joined to an attended
/// session (session token). Thin: every call goes to the device's or the session's grain; a call that finds the device
/// removed closes the connection.
/// </summary>
[Authorize(Policy = Policies.Device)]
public sealed partial class DeviceHub(
    IGrainFactory grains,
    LocalConnections connections,
    DeviceContexts contexts,
    LiveFeeds feeds,
    AuditTrail audit,
    BrokerMetrics metrics,
    IOptions<PresenceOptions> presence,
    TimeProvider clock,
    ILogger<DeviceHub> logger)
    : Hub<IDeviceClient>, IDeviceHub
{
    private bool IsCustomer => Context.User!.IsCustomer();

    private IDeviceGrain Device => grains.GetGrain<IDeviceGrain>(Context.User!.DeviceId());

    private Connection Self => connections.Connection(Context.ConnectionId);

    public override async Task OnConnectedAsync()
    {
        if (contexts.Draining)
        {
            throw new HubException("This host is shutting down: connect again to reach another host.");
        }

        contexts.Add(Context, IsCustomer);

        bool accepted;
        try
        {
            accepted = IsCustomer
                ? await connections.AddCustomerAsync(Context.ConnectionId, Context.User!.SessionId())
                : await Device.Connect(Self);
        }
        catch
        {
            // SignalR closes a connection whose OnConnectedAsync throws without calling OnDisconnectedAsync.
            contexts.Remove(Context.ConnectionId);
            throw;
        }

        if (!accepted)
        {
            Context.Abort();
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        contexts.Remove(Context.ConnectionId);
        if (IsCustomer)
        {
            await connections.RemoveAsync(Context.ConnectionId);
            return;
        }

        await Device.Disconnect(Context.ConnectionId);
    }

    /// <inheritdoc cref="IDeviceHub.Heartbeat"/>
    public async Task Heartbeat()
    {
        if (!IsCustomer && !await Device.Heartbeat(Self))
        {
            Context.Abort();
        }
    }

    /// <inheritdoc cref="IDeviceHub.UploadFrames"/>
    public async Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames)
    {
        // A device uploads as itself; the customer's computer as its attended session, the one its token names.
        var customer = IsCustomer;
        if (customer)
        {
            EnsureJoined(sessionId, "upload frames for");
        }

        var sourceId = customer ? sessionId : Context.User!.DeviceId();
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var attached = await session.AttachSource(sourceId, Self);
        if (!attached.IsOk)
        {
            throw new HubException(attached.Error);
        }

        using var upload = feeds.AddUpload(sessionId, Context.ConnectionId, Context.ConnectionAborted);
        var source = Self;
        DateTime? unreachableSince = null;

        // Frames arriving are proof of life too: while SignalR's stream buffer is full it reads no further messages from
        // the connection, the endpoint's heartbeats included, so a device busy uploading beats here on their behalf, from
        // its first frame on. One beat at a time, beside the frames: a device grain on a host that hangs stalls no upload.
        var beatEvery = presence.Value.Timeout / 3;
        long? lastBeat = null;
        Task<bool>? beat = null;
        try
        {
            await foreach (var frame in frames.WithCancellation(upload.Token))
            {
                if (frame.SessionId != sessionId)
                {
                    throw new HubException($"Frame {frame.Seq} names session {frame.SessionId}, but this upload is for session {sessionId}.");
                }

                if (frame.Data is null || frame.Data.Length > Frame.MaxDataBytes)
                {
                    throw new HubException(
                        $"Frame {frame.Seq} carries {frame.Data?.Length ?? 0} bytes; a frame carries 1 to {Frame.MaxDataBytes} bytes (4 MiB).");
                }

                bool pushed;
                try
                {
                    pushed = await session.PushFrame(sourceId, source, frame);
                    unreachableSince = null;
                }
                catch (Exception exception) when (HostLoss.IsTransient(exception))
                {
                    // The session's grain lived on a host that is gone: frames are dropped (a viewer wants the newest one
                    // anyway) until the cluster declares that host dead and the grain comes back elsewhere from storage.
                    unreachableSince ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - unreachableSince > HostLoss.RecoveryLimit)
                    {
                        throw new HubException($"Session {sessionId} has been unreachable for {HostLoss.RecoveryLimit.TotalSeconds:0} s; the upload ends.");
                    }

                    continue;
                }

                if (!pushed)
                {
                    return;
                }

                metrics.FrameUploaded();
                if (beat is { IsCompleted: true })
                {
                    if (!await beat)
                    {
                        Context.Abort();
                        return;
                    }

                    beat = null;
                }

                if (!customer && beat is null && (lastBeat is null || clock.GetElapsedTime(lastBeat.Value) >= beatEvery))
                {
                    lastBeat = clock.GetTimestamp();
                    beat = BeatForUploadAsync(source);
                }
            }
        }
        catch (OperationCanceledException) when (upload.IsCancellationRequested)
        {
            // The session ended (or the connection closed): the upload is complete.
        }
        finally
        {
            feeds.RemoveUpload(sessionId, Context.ConnectionId);
        }
    }

    /// <summary>
    /// A heartbeat on behalf of an uploading device; false when the device is no longer enrolled. A beat that fails (its
    /// grain's host is gone, say) does not end the upload: the next one reaches the grain's new activation.
    /// </summary>
    private async Task<bool> BeatForUploadAsync(Connection source)
    {
        try
        {
            return await Device.Heartbeat(source);
        }
        catch (Exception exception)
        {
            LogUploadBeatFailed(exception);
            return true;
        }
    }

    /// <inheritdoc cref="IDeviceHub.EndSession"/>
    public async Task EndSession(Guid sessionId, string reason)
    {
        var reasonText = (reason ?? "").Trim();
        if (reasonText.Length > 200)
        {
            throw new HubException("The reason is at most 200 characters.");
        }

        if (IsCustomer)
        {
            await EndJoinedSessionAsync(sessionId, reasonText);
            return;
        }

        var deviceId = Context.User!.DeviceId();
        var ended = await grains.GetGrain<ISessionGrain>(sessionId).EndByDevice(deviceId, reasonText);
        await audit.RecordAsActorAsync($"device:{deviceId}", "session.end", sessionId.ToString(),
            ended.IsOk ? AuditOutcomes.Success : AuditOutcomes.Failure, ended.IsOk ? reasonText : ended.Error, deviceId);
        if (!ended.IsOk)
        {
            throw new HubException(ended.Error);
        }
    }

    /// <summary>The customer's computer leaves the attended session its token names, and no other.</summary>
    private async Task EndJoinedSessionAsync(Guid sessionId, string reason)
    {
        EnsureJoined(sessionId, "end");
        var ended = await grains.GetGrain<ISessionGrain>(sessionId).EndByCustomer(reason);
        await audit.RecordAsActorAsync("customer", "session.end", sessionId.ToString(),
            ended.IsOk ? AuditOutcomes.Success : AuditOutcomes.Failure, ended.IsOk ? reason : ended.Error);
        if (!ended.IsOk)
        {
            throw new HubException(ended.Error);
        }
    }

    /// <summary>A customer's session token names one session: refuses <paramref name="doing"/> any other.</summary>
    private void EnsureJoined(Guid sessionId, string doing)
    {
        var joined = Context.User!.SessionId();
        if (joined != sessionId)
        {
            throw new HubException($"This computer joined session {joined}; it cannot {doing} session {sessionId}.");
        }
    }

    /// <inheritdoc cref="IDeviceHub.AnswerConsent"/>
    public async Task AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (!IsCustomer)
        {
            throw new HubException("Only the customer's endpoint in an attended session answers consent requests.");
        }

        var sessionId = Context.User!.SessionId();
        var answered = await grains.GetGrain<ISessionGrain>(sessionId).AnswerConsent(setupId, allow, credentialStored);
        await audit.RecordAsActorAsync("customer", "unattended-setup.consent", sessionId.ToString(),
            !answered.IsOk ? AuditOutcomes.Failure : allow ? AuditOutcomes.Success : AuditOutcomes.Denied,
            !answered.IsOk ? answered.Error : allow ? $"allowed; OS login stored: {(credentialStored ? "yes" : "no")}" : "declined");
        if (!answered.IsOk)
        {
            throw new HubException(answered.Error);
        }
    }

    /// <inheritdoc cref="IDeviceHub.SetCredentialStored"/>
    public async Task SetCredentialStored(bool credentialStored)
    {
        if (IsCustomer || !await Device.SetCredentialStored(credentialStored))
        {
            throw new HubException("Only an enrolled device can say whether it stores an OS login.");
        }

        var deviceId = Context.User!.DeviceId();
        await audit.RecordAsActorAsync($"device:{deviceId}", "device.credential", deviceId.ToString(), AuditOutcomes.Success,
            credentialStored ? "an OS login is stored on the device" : "the stored OS login was removed", deviceId);
    }

    [LoggerMessage(EventId = 1, EventName = "UploadBeatFailed", Level = LogLevel.Warning,
        Message = "A heartbeat on behalf of an uploading device failed; the next one tries again")]
    private partial void LogUploadBeatFailed(Exception exception);
}

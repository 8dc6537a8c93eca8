using Broker.Contracts;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Identity;
using Broker.Endpoint.Sessions;
using Broker.Endpoint.Vault;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Endpoint.Connection;

/// <summary>
/// The endpoint's one persistent connection to <c>/hubs/device</c>: WebSockets only, without negotiation (one socket
/// per endpoint), authenticated by the device token, heartbeating, and reconnecting with backoff for as long as the
/// process runs, unless the broker refuses the device token.
/// </summary>
internal sealed class DeviceConnection(
    IdentityStore store,
    EndpointIdentity enrolled,
    TimeSpan heartbeat,
    IConsentPrompt consent,
    ISessionHandler sessions,
    IRetryPolicy backoff,
    TextWriter status,
    TextWriter errors,
    TimeProvider time)
{
    private EndpointIdentity identity = enrolled;
    private HubConnection? live;

    private EndpointIdentity Identity => Volatile.Read(ref identity);

    /// <summary>Runs until <paramref name="stopping"/> is cancelled (exit code 0) or the broker refuses the device token.</summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var server = Identity.Server;
        var retry = new ConnectionRetry(backoff, server, status);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stopRegistration = stopping.Register(() => stopped.TrySetResult());
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeats = HeartbeatAsync(done.Token);
        try
        {
            while (true)
            {
                var restart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
                await using var connection = Build(retry, restart, stopping);
                connection.Closed += reason =>
                {
                    closed.TrySetResult(reason);
                    return Task.CompletedTask;
                };
                connection.Reconnected += _ => Connected(connection, stopping);

                if (!await StartAsync(connection, retry, stopping))
                {
                    return stopping.IsCancellationRequested ? await StoppedAsync()
                        : retry.TokenRefused ? await RefusedAsync()
                        : ExitCodes.Unreachable;
                }

                Volatile.Write(ref live, connection);
                await Connected(connection, stopping);
                var ended = await Task.WhenAny(closed.Task, restart.Task, stopped.Task);
                Volatile.Write(ref live, null);
                if (ended != closed.Task)
                {
                    await StopQuietlyAsync(connection);
                    if (ended == stopped.Task)
                    {
                        return await StoppedAsync();
                    }

                    continue;
                }

                var reason = await closed.Task;
                if (stopping.IsCancellationRequested)
                {
                    return await StoppedAsync();
                }

                if (retry.TokenRefused || DeviceTokenRefusedException.IsCause(reason))
                {
                    return await RefusedAsync();
                }

                // Closed for good without our asking (the broker said not to reconnect): start over, after the same backoff.
                if (retry.AfterClosed(reason) is not { } wait || !await DelayAsync(wait, stopping))
                {
                    return stopping.IsCancellationRequested ? await StoppedAsync() : ExitCodes.Unreachable;
                }
            }
        }
        finally
        {
            await done.CancelAsync();
            await heartbeats;
        }
    }

    private HubConnection Build(ConnectionRetry retry, TaskCompletionSource restart, CancellationToken stopping)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Identity.Server + HubRoutes.Device), options =>
            {
                // One socket per endpoint: negotiation would hold a pooled HTTP connection open beside the WebSocket.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(Identity.DeviceToken);
                options.WebSocketFactory = DeviceWebSocket.ConnectAsync;
            })
            .AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            .WithAutomaticReconnect(retry)
            .Build();
        var client = new DeviceClient(
            new DeviceHubProxy(connection, stopping), sessions, consent, new CredentialVault(store.Directory),
            (deviceId, deviceToken) => ReplaceIdentityAsync(deviceId, deviceToken, restart), status, errors, stopping);
        client.Attach(connection);
        return connection;
    }

    /// <summary>Starts the connection, retrying under the same policy as reconnects; false when stopped or refused for good.</summary>
    private async Task<bool> StartAsync(HubConnection connection, ConnectionRetry retry, CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        for (long attempt = 0; ; attempt++)
        {
            try
            {
                await connection.StartAsync(stopping);
                return true;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                if (retry.AfterFailedStart(attempt, time.GetElapsedTime(started), e) is not { } wait || !await DelayAsync(wait, stopping))
                {
                    return false;
                }
            }
        }
    }

    private async Task Connected(HubConnection connection, CancellationToken stopping)
    {
        await status.WriteLineAsync($"Connected to {Identity.Server} as {Identity.DeviceId}");

        // Tell the broker at once that we are here, rather than a heartbeat interval later.
        _ = SendHeartbeatAsync(connection, stopping);
    }

    private async Task HeartbeatAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(heartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (Volatile.Read(ref live) is { State: HubConnectionState.Connected } connection)
                {
                    await SendHeartbeatAsync(connection, stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendHeartbeatAsync(HubConnection connection, CancellationToken stopping)
    {
        try
        {
            await connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), stopping);
        }
        catch (Exception)
        {
            // A heartbeat fails only when the connection is going (or we stop); its reconnect reports that.
        }
    }

    /// <summary>
    /// The broker enrolled this computer during an attended session and handed it a new identity: keep it, and connect
    /// again as that device. The call names no nickname or group, so those stay as they were until the next enrolment.
    /// </summary>
    private async Task ReplaceIdentityAsync(Guid deviceId, string deviceToken, TaskCompletionSource restart)
    {
        var replaced = Identity with { DeviceId = deviceId, DeviceToken = deviceToken };
        store.Save(replaced);
        Volatile.Write(ref identity, replaced);
        await status.WriteLineAsync($"Enrolled as device {deviceId} by an agent; connecting again with the new device token");

        // Not from here: stopping the connection waits for its handlers, and this is one of them.
        restart.TrySetResult();
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(wait, time, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task StopQuietlyAsync(HubConnection connection)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await connection.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // Going away anyway; the broker notices the closed socket.
        }
    }

    private async Task<int> StoppedAsync()
    {
        await status.WriteLineAsync("Stopped.");
        return ExitCodes.Success;
    }

    private async Task<int> RefusedAsync()
    {
        var server = Identity.Server;
        await errors.WriteLineAsync(
            $"error: {server} refused this computer's device token: this computer's unattended access was removed, or it was enrolled again elsewhere.");
        await errors.WriteLineAsync($"  re-enrol with: broker-endpoint setup --server {server}");
        await errors.WriteLineAsync(
            $"  or delete {store.Path} and run the device group's installer again (broker-endpoint run --server {server} --enrollment-code CODE)");
        return ExitCodes.DeviceRemoved;
    }
}

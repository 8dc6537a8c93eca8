using Broker.Contracts;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Endpoint.Connection;

/// <summary>
/// The endpoint's one persistent connection to <c>/hubs/device</c>: WebSockets only, without negotiation (one socket
/// per endpoint), authenticated by the <paramref name="role"/>'s token, heartbeating if the role wants it, and
/// reconnecting with backoff for as long as the process runs, unless the broker refuses the token or the role ends
/// the run. Messages are MessagePack unless <paramref name="protocol"/> says JSON.
/// </summary>
internal sealed class DeviceConnection(IDeviceHubRole role, IRetryPolicy backoff, DeviceHubProtocol protocol, TextWriter status, TimeProvider time)
{
    /// <summary>How long a stop waits for the role's last word: well within the 30 s that service managers allow.</summary>
    internal static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(10);

    private HubConnection? live;

    /// <summary>
    /// Runs until <paramref name="stopping"/> is cancelled (exit code 0), the broker refuses the token (the role's exit
    /// code), or one of the broker's calls ends the run (<see cref="HubControl.Finish"/>).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var retry = new ConnectionRetry(backoff, role.Server, status);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stopRegistration = stopping.Register(() => stopped.TrySetResult());
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeats = role.Heartbeat is { } interval ? HeartbeatAsync(interval, done.Token) : Task.CompletedTask;
        try
        {
            while (true)
            {
                var control = new HubControl(finished);
                var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
                await using var connection = Build(retry, control, stopping);
                connection.Closed += reason =>
                {
                    closed.TrySetResult(reason);
                    return Task.CompletedTask;
                };
                connection.Reconnected += _ => Connected(connection, stopping);

                if (!await StartAsync(connection, retry, stopping))
                {
                    return stopping.IsCancellationRequested ? await StoppedAsync()
                        : retry.TokenRefused ? await role.RefusedAsync()
                        : ExitCodes.Unreachable;
                }

                Volatile.Write(ref live, connection);
                await Connected(connection, stopping);
                var ended = await Task.WhenAny(closed.Task, control.Restarted, stopped.Task, finished.Task);
                Volatile.Write(ref live, null);
                if (ended != closed.Task)
                {
                    if (ended == stopped.Task)
                    {
                        await LeaveQuietlyAsync(connection);
                    }

                    await StopQuietlyAsync(connection);
                    if (ended == stopped.Task)
                    {
                        return await StoppedAsync();
                    }

                    if (ended == finished.Task)
                    {
                        return await finished.Task;
                    }

                    continue;
                }

                var reason = await closed.Task;
                if (stopping.IsCancellationRequested)
                {
                    return await StoppedAsync();
                }

                if (finished.Task.IsCompleted)
                {
                    // The broker ended the run and closed the connection at the same moment.
                    return await finished.Task;
                }

                if (retry.TokenRefused || DeviceTokenRefusedException.IsCause(reason))
                {
                    return await role.RefusedAsync();
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

    private HubConnection Build(ConnectionRetry retry, HubControl control, CancellationToken stopping)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(role.Server + HubRoutes.Device), options =>
            {
                // One socket per endpoint: negotiation would hold a pooled HTTP connection open beside the WebSocket.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(role.AccessToken);
                options.WebSocketFactory = DeviceWebSocket.ConnectAsync;
            })
            .WithAutomaticReconnect(retry);

        // The client speaks the protocol registered last; JSON is registered from the start.
        var connection = (protocol == DeviceHubProtocol.Json
            ? builder.AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            : builder.AddMessagePackProtocol()).Build();
        role.Attach(connection, new DeviceHubProxy(connection, stopping), control, stopping);
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
        await role.ConnectedAsync();

        // Tell the broker at once that we are here, rather than a heartbeat interval later.
        if (role.Heartbeat is not null)
        {
            _ = SendHeartbeatAsync(connection, stopping);
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
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

    private async Task LeaveQuietlyAsync(HubConnection connection)
    {
        using var timeout = new CancellationTokenSource(LeaveTimeout);
        try
        {
            await role.LeavingAsync(connection, timeout.Token);
        }
        catch (Exception)
        {
            // Stopping anyway: the broker learns of it from the closed connection instead.
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
}

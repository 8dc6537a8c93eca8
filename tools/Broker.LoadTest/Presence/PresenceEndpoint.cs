using System.Net.Sockets;
using System.Net.WebSockets;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.LoadTest.Presence;

/// <summary>
/// One endpoint, as the real one connects (src/Broker.Endpoint/Connection): a SignalR connection over WebSockets only,
/// without negotiation (one socket), MessagePack, the device token as <c>access_token</c>, a heartbeat at once after every
/// (re)connect and then on the client process's schedule, and automatic reconnects with jittered exponential backoff. The
/// hosts stand in for a load balancer: the first connection goes to the planned host, every later attempt to another
/// host picked at random, so the endpoints of a lost host spread over the others; a host that refuses the TCP connection
/// (its process is gone) is skipped within the same attempt, as a balancer passes a refused connection to the next backend.
/// </summary>
public sealed class PresenceEndpoint
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly PresencePlan _plan;
    private readonly PlannedEndpoint _endpoint;
    private readonly HttpMessageInvoker _sockets;
    private readonly CancellationToken _stopping;
    private readonly HubConnection _connection;
    private int _host;
    private bool _attempted;
    private volatile bool _confirmed;
    private volatile bool _sinceMark;
    private int _inFlight;

    public PresenceEndpoint(PresencePlan plan, PlannedEndpoint endpoint, HttpMessageInvoker sockets, PresenceCounters counters, CancellationToken stopping)
    {
        _plan = plan;
        _endpoint = endpoint;
        _sockets = sockets;
        _stopping = stopping;
        _host = endpoint.Host;
        Counters = counters;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(plan.Hosts[endpoint.Host] + plan.HubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = OpenAsync;
            })
            .WithAutomaticReconnect(new JitteredBackoff())
            .AddMessagePackProtocol()
            .Build();
        _connection.Reconnecting += error =>
        {
            Unconfirm();
            return Task.CompletedTask;
        };
        _connection.Reconnected += connectionId =>
        {
            Interlocked.Increment(ref Counters.Reconnects);
            _ = HeartbeatAsync();
            return Task.CompletedTask;
        };
        _connection.Closed += error =>
        {
            // Closed for good (the broker refused the connection, or reconnecting gave up): start over, as the endpoint does.
            Unconfirm();
            if (!_stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counters.Restarts);
                _ = Task.Run(() => StartAsync(retry: 1));
            }

            return Task.CompletedTask;
        };
    }

    private PresenceCounters Counters { get; }

    public bool Connected => _connection.State == HubConnectionState.Connected;

    /// <summary>Connected, and the broker accepted the last heartbeat on this connection.</summary>
    public bool Confirmed => _confirmed;

    /// <summary>Confirmed, with a heartbeat accepted since the last <see cref="Mark"/>.</summary>
    public bool ConfirmedSinceMark => _sinceMark;

    public void Mark() => _sinceMark = false;

    /// <summary>Starts the connection, retrying with the backoff until it is up or the process stops.</summary>
    public async Task StartAsync(long retry = 0)
    {
        for (; !_stopping.IsCancellationRequested; retry++)
        {
            if (retry > 0)
            {
                try
                {
                    await Task.Delay(JitteredBackoff.Delay(retry - 1), _stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await _connection.StartAsync(_stopping);
                await HeartbeatAsync();
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counters.StartFailures);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>One heartbeat, unless the previous one is still waiting for its answer (the endpoint sends one at a time).</summary>
    public async Task HeartbeatAsync()
    {
        if (_connection.State != HubConnectionState.Connected || Interlocked.Exchange(ref _inFlight, 1) == 1)
        {
            return;
        }

        try
        {
            await _connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), _stopping);
            Interlocked.Increment(ref Counters.HeartbeatsAccepted);
            _confirmed = _connection.State == HubConnectionState.Connected;
            _sinceMark = _confirmed;
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref Counters.HeartbeatsFailed);
            Unconfirm();
        }
        catch (Exception)
        {
            // Stopping.
        }
        finally
        {
            Volatile.Write(ref _inFlight, 0);
        }
    }

    public async Task StopAsync()
    {
        try
        {
            await _connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Stopping anyway.
        }
    }

    private void Unconfirm()
    {
        _confirmed = false;
        _sinceMark = false;
    }

    private async ValueTask<WebSocket> OpenAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        if (_attempted)
        {
            // Not the first attempt: as a balancer would, another host (the one just used may be gone).
            var next = Random.Shared.Next(_plan.Hosts.Count - 1);
            _host = next >= _host ? next + 1 : next;
        }

        _attempted = true;
        var query = _endpoint.Token is { } token ? $"?access_token={Uri.EscapeDataString(token)}" : "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        for (var tried = 1; ; tried++)
        {
            var uri = new UriBuilder(new Uri(_plan.Hosts[_host] + _plan.HubPath + query)) { Scheme = "ws" }.Uri;
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, _sockets, timeout.Token);
                return socket;
            }
            catch (Exception exception) when (tried < _plan.Hosts.Count && Refused(exception))
            {
                socket.Dispose();
                _host = (_host + 1) % _plan.Hosts.Count;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private static bool Refused(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}

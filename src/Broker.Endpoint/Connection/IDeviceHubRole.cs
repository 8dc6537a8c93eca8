using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// What one use of the <c>/hubs/device</c> connection makes of it: <c>run</c> connects as an enrolled device
/// (<see cref="EnrolledDeviceRole"/>), <c>join</c> as the customer's computer in an attended session
/// (<see cref="JoinedSessionRole"/>). <see cref="DeviceConnection"/> does the rest, the same for both.
/// </summary>
internal interface IDeviceHubRole
{
    /// <summary>The broker's base URL.</summary>
    string Server { get; }

    /// <summary>The token to connect with (<c>access_token</c>); read at every attempt, so it may change between them.</summary>
    string AccessToken { get; }

    /// <summary>How often to tell the broker we are here, or null when it needs no heartbeats from this role.</summary>
    TimeSpan? Heartbeat { get; }

    /// <summary>Routes the broker's calls on a new <paramref name="connection"/>; <paramref name="control"/> lets them restart or end the run.</summary>
    void Attach(HubConnection connection, IDeviceHub hub, HubControl control, CancellationToken stopping);

    /// <summary>The connection is up: after the start and after every reconnect.</summary>
    Task ConnectedAsync();

    /// <summary>The broker answered 401 at (re)connect: reports it and returns the exit code.</summary>
    Task<int> RefusedAsync();

    /// <summary>
    /// The run is being stopped (Ctrl+C, SIGTERM) while <paramref name="connection"/> is still up: the last word to the
    /// broker before it closes. Bounded by <paramref name="timeout"/>; a failure only delays the stop.
    /// </summary>
    Task LeavingAsync(HubConnection connection, CancellationToken timeout);
}

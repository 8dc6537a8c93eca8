using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>An endpoint's hub connection, made with the real .NET SignalR client as the endpoint makes it.</summary>
public static class DeviceConnection
{
    public static HubConnection Create(BrokerHost host, string deviceToken) => new HubConnectionBuilder()
        .WithUrl(new Uri(host.Address, HubRoutes.Device), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult<string?>(deviceToken);
        })
        .Build();

    /// <summary>
    /// Starts the connection and waits until the hub has taken it: StartAsync returns after the handshake, before the
    /// hub's OnConnectedAsync has run, and the hub handles a call only after it (a heartbeat, a no-op for customers).
    /// </summary>
    public static async Task StartTakenAsync(this HubConnection connection)
    {
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The same for an agent's viewer, whose OnConnectedAsync registers it for pushes (SessionEnded, SetupProgress): an
    /// input event without a kind is refused by the hub before it reaches any grain, and only once the hub has taken the
    /// connection.
    /// </summary>
    public static async Task StartTakenAsViewerAsync(this HubConnection connection)
    {
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            nameof(IAgentHub.SendInput), Guid.Empty, new InputEvent(""), TestContext.Current.CancellationToken));
    }

    /// <summary>Waits for a condition, polling, until a deadline; fails with <paramref name="what"/> if it never holds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

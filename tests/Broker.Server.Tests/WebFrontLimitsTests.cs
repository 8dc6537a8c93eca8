using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Broker.Server.Tests;

/// <summary>The web front's connection caps (<c>Kestrel:Limits</c>) and listen backlog (<c>Broker:ListenBacklog</c>) come from configuration.</summary>
public sealed class WebFrontLimitsTests
{
    [Fact]
    public async Task A_host_refuses_connections_beyond_its_configured_cap_and_takes_them_again_below_it()
    {
        await using var host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Kestrel:Limits:MaxConcurrentConnections"] = "2",
            ["Broker:ListenBacklog"] = "2048",
        });

        // Two idle connections (nothing else has connected yet) hold the cap; a third is closed unanswered.
        using var first = await OpenAsync(host.Address);
        using var second = await OpenAsync(host.Address);
        await WaitUntilAsync(async () => !await AnswersAsync(host.Address), "a third connection was still answered with two open at a cap of 2");

        first.Dispose();
        second.Dispose();
        await WaitUntilAsync(() => AnswersAsync(host.Address), "the host did not answer again after the two connections closed");
        Assert.Equal(2048, host.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.Backlog);
    }

    [Fact]
    public void The_listen_backlog_is_Kestrels_512_unless_configured()
    {
        Assert.Equal(512, new BrokerOptions().ListenBacklog);
    }

    private static async Task<Socket> OpenAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Whether a fresh connection (no pooling) gets an answer to <c>/health/live</c>.</summary>
    private static async Task<bool> AnswersAsync(Uri address)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync("/health/live", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

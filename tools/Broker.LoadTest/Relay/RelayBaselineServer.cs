using Broker.Contracts;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.LoadTest.Relay;

/// <summary>
/// <c>broker-loadtest relay-baseline-server --urls URL</c>: serves <see cref="RelayBaselineHub"/> until stopped, with the
/// broker's SignalR settings (both protocols, the same JSON options, the device hub's message size limit) and web front
/// settings (<c>Kestrel:Limits</c>, <c>Broker:ListenBacklog</c>). The relay
/// benchmark starts it as a process of its own, as it starts the broker.
/// </summary>
public static class RelayBaselineServer
{
    public const string Command = "relay-baseline-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSignalR(hub => hub.EnableDetailedErrors = false)
            .AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            .AddMessagePackProtocol()
            .AddHubOptions<RelayBaselineHub>(hub => hub.MaximumReceiveMessageSize = Frame.MaxDataBytes / 3 * 4 + 64 * 1024);
        builder.Services.AddSingleton<BaselineFeeds>();

        // The broker's web front settings of the same names: Kestrel's connection caps and the listen backlog.
        builder.Services.Configure<KestrelServerOptions>(kestrel => builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.Backlog = builder.Configuration.GetValue("Broker:ListenBacklog", 512));

        var app = builder.Build();
        app.MapGet(Routes.HealthReady, () => "ready");
        app.MapHub<RelayBaselineHub>(RelayBaselineHub.Route);
        await app.RunAsync();
        return 0;
    }
}

using Broker.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.LoadTest.Relay;

/// <summary>The SignalR client connections of the benchmark's devices and viewers, as endpoints make them.</summary>
public static class RelayConnections
{
    /// <summary>WebSockets only and no negotiation (one socket per client), with the token as <c>access_token</c> when given.</summary>
    public static HubConnection Build(Uri hub, string? token, bool messagePack)
    {
        var builder = new HubConnectionBuilder().WithUrl(hub, options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            builder.AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions));
        }

        return builder.Build();
    }
}
